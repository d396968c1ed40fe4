import { toMemscopeError } from '../../core/errors';
import { quoteIdentifier } from '../../core/sql/identifiers';
import type { DbClient } from '../db/db-client';
import { registeredPath } from '../db/lockdown';
import { csvError } from './csv-errors';
import {
  headerLineSql,
  CsvOptionsError,
  csvArguments,
  describeDelimiter,
  readCsvSql,
  sniffCsvSql,
  type CsvOptions,
} from './csv-options';
import { firstLine, firstRaggedRecord, likelyDelimiter, recordShapes } from './csv-scan';

/**
 * A CSV file -> a DuckDB table `<tableName>(<rowColumn> BIGINT, ...)` with DuckDB's core reader,
 * without silent surprises: an empty file is refused; what DuckDB's sniffer decides is checked
 * against the first bytes; a file it doubts (one column although the header line has delimiters,
 * lines of different lengths, no header found) still opens, with a warning that says what was
 * assumed and the line that does not fit, and the options the user can change (delimiter, quote,
 * header) come back so the file can be opened again with them.
 */

export interface CsvTableRequest {
  file: Blob;
  fileName: string;
  /** Name to register the file under (letters, digits, `_.-`): ours, never the user's. */
  registeredName: string;
  tableName: string;
  /** The row-index column added first (`__row`), numbering rows in file order from 0. */
  rowColumn: string;
  /** What the user chose; anything absent is left to DuckDB's sniffer. */
  options?: CsvOptions;
  signal?: AbortSignal;
}

export interface CsvTableResult {
  /** The options the table was read with: the user's, else what the sniffer (or memscope) chose. */
  options: { delimiter: string; quote: string; header: boolean; nullPadding: boolean };
  /**
   * The header line's cells as the file writes them (DuckDB renames some: see headerLineSql), one
   * per column in order; null without a header.
   */
  headerNames: string[] | null;
  /** For the user when the shape is in doubt, else null. */
  warning: string | null;
}

/** Bytes read in JS to check the sniffer's choice (DuckDB's own sniffer reads about as much). */
const HEAD_BYTES = 64 * 1024;

export async function createCsvTable(db: DbClient, req: CsvTableRequest): Promise<CsvTableResult> {
  const { file, fileName, signal } = req;
  let options: CsvOptions = { ...req.options };
  try {
    csvArguments(options);
  } catch (error) {
    if (error instanceof CsvOptionsError) throw csvError('bad-options', fileName, { reason: error.message });
    throw error;
  }
  if (file.size === 0) throw csvError('empty', fileName, { detail: '0 bytes' });
  const head = await file.slice(0, HEAD_BYTES).text();
  if (file.size <= HEAD_BYTES && head.trim() === '')
    throw csvError('empty', fileName, { detail: `${file.size} bytes of whitespace` });

  await db.registerFile(req.registeredName, file);
  const path = registeredPath(req.registeredName);
  const warnings: string[] = [];
  try {
    const sniffed = await sniff(db, path, options, signal);
    if (sniffed.columns === 1 && options.delimiter === undefined) {
      const delimiter = likelyDelimiter(firstLine(head), sniffed.quote || '"');
      if (delimiter !== null) {
        const ragged = firstRaggedRecord(recordShapes(head, delimiter, sniffed.quote || '"'));
        options = { ...options, delimiter, header: options.header ?? true, nullPadding: true };
        warnings.push(
          ragged
            ? `DuckDB's CSV reader could not settle on a delimiter for ${fileName}: line ${ragged.record.line} has ${ragged.record.fields} fields where the header has ${ragged.header}. It was opened with the ${describeDelimiter(delimiter)} delimiter; missing fields are empty (NULL) and extra fields go to extra columns.`
            : `DuckDB's CSV reader read ${fileName} as a single column named "${sniffed.firstName}". It was opened with the ${describeDelimiter(delimiter)} delimiter instead.`,
        );
      }
    }
    const final =
      options.delimiter === req.options?.delimiter ? sniffed : await sniff(db, path, options, signal);
    if (!final.header && options.header === undefined) {
      warnings.push(
        `No header line was recognised in ${fileName}, so its columns are named column0, column1, …; if its first line names the columns, open it again with "First line is a header".`,
      );
    }
    // The name was claimed free of every DuckDB table and view (OpenedFile): never DROP here, it
    // could be a user's table.
    const q = quoteIdentifier(req.tableName);
    // row_number() over the scan, in file order: CSV rows get the same `__row` meaning as Parquet.
    await db.query(
      `CREATE TABLE ${q} AS SELECT (row_number() OVER () - 1)::BIGINT AS ${quoteIdentifier(req.rowColumn)}, * FROM ${readCsvSql(path, options)}`,
      { cache: false, ...(signal ? { signal } : {}) },
    );
    const used = {
      delimiter: options.delimiter ?? final.delimiter,
      quote: options.quote ?? final.quote,
      header: options.header ?? final.header,
      nullPadding: options.nullPadding ?? false,
    };
    return {
      options: used,
      // Labels only: a header that cannot be read this way leaves DuckDB's names.
      headerNames: used.header ? await headerNames(db, path, used, signal).catch(() => null) : null,
      warning: warnings.length > 0 ? `${warnings.join(' ')} Check the delimiter, quote and header.` : null,
    };
  } catch (error) {
    const e = toMemscopeError(error, { code: 'corrupt', file: fileName });
    if (e.code === 'cancelled') throw e;
    throw csvError('unreadable', fileName, { reason: e.message, detail: e.detail ?? e.message });
  }
}

/** The header line's cells as written, or null when it cannot be read as one line of cells. */
async function headerNames(
  db: DbClient,
  path: string,
  options: CsvOptions,
  signal?: AbortSignal,
): Promise<string[] | null> {
  const { table } = await db.query(headerLineSql(path, options), {
    cache: false,
    ...(signal ? { signal } : {}),
  });
  if (table.numRows !== 1) return null;
  const row = table.get(0);
  return table.schema.fields.map((f) => {
    const v: unknown = row?.[f.name];
    return v === null || v === undefined ? '' : String(v);
  });
}

interface Sniffed {
  delimiter: string;
  quote: string;
  header: boolean;
  columns: number;
  firstName: string;
}

async function sniff(
  db: DbClient,
  path: string,
  options: CsvOptions,
  signal?: AbortSignal,
): Promise<Sniffed> {
  const { table } = await db.query(sniffCsvSql(path, options), {
    cache: false,
    ...(signal ? { signal } : {}),
  });
  const get = (name: string): unknown => table.getChild(name)?.get(0);
  // sniff_csv writes "(empty)" for "no quote character".
  const quote = String(get('Quote') ?? '');
  return {
    delimiter: String(get('Delimiter') ?? ','),
    quote: quote === '(empty)' ? '' : quote,
    header: get('HasHeader') === true,
    columns: Number(get('n_columns') ?? 0),
    firstName: String(get('first_name') ?? ''),
  };
}
