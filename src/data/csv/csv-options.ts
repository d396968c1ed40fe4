/**
 * What the user (or memscope, after a doubtful sniff) tells DuckDB's CSV reader, and the SQL that
 * reads a registered CSV with it. Pure. Values are validated and written as SQL string literals
 * by us (one character each), never spliced from free text.
 */
export interface CsvOptions {
  /** One character; absent: DuckDB's sniffer decides. */
  delimiter?: string;
  /** One character, or '' for no quoting; absent: the sniffer decides. */
  quote?: string;
  /** Whether the first line names the columns; absent: the sniffer decides. */
  header?: boolean;
  /**
   * Lines with fewer fields than the header get NULLs (DuckDB `null_padding`); lines with more
   * fields add columns. Set by memscope for a ragged file, with a warning.
   */
  nullPadding?: boolean;
}

/** The delimiters a person picks from (the sniffer may find others). */
export const DELIMITER_CHOICES: readonly { value: string; label: string }[] = [
  { value: ',', label: 'comma (,)' },
  { value: ';', label: 'semicolon (;)' },
  { value: '\t', label: 'tab' },
  { value: '|', label: 'pipe (|)' },
];

export class CsvOptionsError extends Error {}

function sqlChar(name: string, value: string, allowEmpty: boolean): string {
  if (value === '' && allowEmpty) return "''";
  // One UTF-16 unit, not a quote of our literal's own kind unless doubled, never a line break.
  if ([...value].length !== 1 || value === '\n' || value === '\r')
    throw new CsvOptionsError(`The ${name} must be one character (got ${JSON.stringify(value)}).`);
  return `'${value.replaceAll("'", "''")}'`;
}

/** The named arguments of read_csv for these options, e.g. `, delim=';', header=true`. */
export function csvArguments(options: CsvOptions): string {
  const args: string[] = [];
  if (options.delimiter !== undefined) args.push(`delim=${sqlChar('delimiter', options.delimiter, false)}`);
  if (options.quote !== undefined) args.push(`quote=${sqlChar('quote', options.quote, true)}`);
  if (options.header !== undefined) args.push(`header=${options.header ? 'true' : 'false'}`);
  if (options.nullPadding) args.push('null_padding=true');
  return args.map((a) => `, ${a}`).join('');
}

/**
 * `read_csv('<path>', ...)`. `path` is the registered path the app built (registeredPath in
 * data/db/lockdown.ts: letters, digits, `_.-/`), so it can sit in a literal; checked anyway.
 */
export function readCsvSql(path: string, options: CsvOptions = {}): string {
  if (!/^[A-Za-z0-9_./-]+$/.test(path)) throw new CsvOptionsError(`Invalid registered path: ${path}`);
  return `read_csv('${path}'${csvArguments(options)})`;
}

/** DuckDB's `sniff_csv` of the same file with the same options (what it would decide). */
export function sniffCsvSql(path: string, options: CsvOptions = {}): string {
  const read = readCsvSql(path, options);
  return `SELECT Delimiter, Quote, HasHeader, len(Columns) AS n_columns, Columns[1].name AS first_name FROM sniff_csv${read.slice('read_csv'.length)}`;
}

/** How an option reads in a message: "delimiter ';'", "tab". */
export function describeDelimiter(delimiter: string): string {
  const choice = DELIMITER_CHOICES.find((c) => c.value === delimiter);
  return choice ? choice.label : JSON.stringify(delimiter);
}

/**
 * The header line's cells as written (one row, every field as text), for the column labels: DuckDB
 * renames header names (`a` after `A` becomes `a_1`, an empty one `column2`), the user knows them
 * as the file writes them. An empty cell reads as NULL.
 */
export function headerLineSql(path: string, options: CsvOptions = {}): string {
  const read = readCsvSql(path, { ...options, header: false });
  return `SELECT * FROM ${read.slice(0, -1)}, all_varchar=true) LIMIT 1`;
}
