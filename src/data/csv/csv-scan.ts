/**
 * A look at the first bytes of a CSV in JS, for what DuckDB's sniffer does not say: which line
 * breaks the shape, and which delimiter the header suggests when the sniffer settled on a single
 * column. Pure; quotes (doubled inside a field) may span lines.
 */

export interface RecordShape {
  /** 1-based line number where the record starts. */
  line: number;
  fields: number;
}

const CANDIDATES = [',', ';', '\t', '|'] as const;

/** Field counts of the complete records in `text` (a trailing partial record is left out). */
export function recordShapes(
  text: string,
  delimiter: string,
  quote: string,
  maxRecords = 10_000,
): RecordShape[] {
  const out: RecordShape[] = [];
  let line = 1;
  let start = 1;
  let fields = 1;
  let inQuote = false;
  let empty = true;
  for (let i = 0; i < text.length && out.length < maxRecords; i++) {
    const c = text[i]!;
    if (inQuote) {
      if (c === quote) {
        if (text[i + 1] === quote) i++;
        else inQuote = false;
      } else if (c === '\n') line++;
      continue;
    }
    if (quote !== '' && c === quote) {
      inQuote = true;
      empty = false;
    } else if (c === delimiter) {
      fields++;
      empty = false;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      // Blank lines are skipped by DuckDB too.
      if (!empty) out.push({ line: start, fields });
      line++;
      start = line;
      fields = 1;
      empty = true;
    } else if (c !== ' ') empty = false;
  }
  return out;
}

/** The first record whose field count differs from the first record's (the header), or null. */
export function firstRaggedRecord(
  shapes: readonly RecordShape[],
): { header: number; record: RecordShape } | null {
  const header = shapes[0];
  if (!header) return null;
  const record = shapes.find((s) => s.fields !== header.fields);
  return record ? { header: header.fields, record } : null;
}

/**
 * The delimiter the first line most likely uses, among comma, semicolon, tab and pipe (outside
 * quotes), or null when it has none of them.
 */
export function likelyDelimiter(firstLine: string, quote = '"'): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const d of CANDIDATES) {
    const count = (recordShapes(`${firstLine}\n`, d, quote)[0]?.fields ?? 1) - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/** The first line of `text` (without its line break). */
export function firstLine(text: string): string {
  const end = text.search(/\r?\n/);
  return end === -1 ? text : text.slice(0, end);
}
