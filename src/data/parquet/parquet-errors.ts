import { MemscopeError, type ErrorCode } from '../../core/errors';
import { formatBytesBinary } from '../../core/format/quantities';

/**
 * parquet-wasm (arrow-rs underneath) reports failures as strings; these turn them into typed
 * errors whose message names the file and whose hint says what to do. The table of strings comes
 * from running every file of ../shared/corpus through parquet-wasm 0.8 (see docs/data-path.md).
 */

const ACCEPTS = 'memscope opens Parquet (.parquet), Arrow IPC (.arrow, .feather) and CSV (.csv, .tsv) files.';

export interface ParquetErrorExtra {
  detail?: string;
  /** too-large: bytes the read would decode, and the budget. */
  bytes?: number;
  budget?: number;
  /** timeout: the time budget in ms. */
  timeoutMs?: number;
  /** Where in the file, when known: the top-level column and the row group (0-based, as parquet-cli). */
  column?: string;
  rowGroup?: number;
  /** The row group's rows in the file, [first, last] (0-based). */
  rowRange?: [number, number];
}

const count = (n: number) => n.toLocaleString('en-US');

/** ` in column "c" of row group 3 (rows 30,000-39,999)`, or the part that is known, or ''. */
export function wherePhrase(extra: ParquetErrorExtra): string {
  const parts: string[] = [];
  if (extra.column !== undefined) parts.push(`column ${JSON.stringify(extra.column)}`);
  if (extra.rowGroup !== undefined) {
    const rows = extra.rowRange ? ` (rows ${count(extra.rowRange[0])}-${count(extra.rowRange[1])})` : '';
    parts.push(`row group ${extra.rowGroup}${rows}`);
  }
  return parts.length ? ` in ${parts.join(' of ')}` : '';
}

export function parquetError(
  code: ErrorCode,
  fileName: string,
  extra: ParquetErrorExtra = {},
): MemscopeError {
  const { detail } = extra;
  const because = detail ? ` (${detail})` : '';
  const where = wherePhrase(extra);
  const make = (message: string, hint: string) =>
    new MemscopeError({ code, file: fileName, message, hint, ...(detail ? { detail } : {}) });
  switch (code) {
    case 'not-parquet':
      return make(
        `${fileName} is not a Parquet file: it does not start with the "PAR1" magic bytes.`,
        ACCEPTS,
      );
    case 'encrypted':
      return make(
        `${fileName} is encrypted (Parquet modular encryption), so it cannot be read without its key.`,
        'Decrypt it with the tool that wrote it (e.g. pyarrow with the key) and open the decrypted copy.',
      );
    case 'truncated':
      return make(
        `${fileName} is incomplete: it ends before its Parquet footer${because}.`,
        'The download or copy was probably cut short: fetch or copy the file again and reopen it.',
      );
    case 'corrupt':
      return make(
        `${fileName} is a damaged Parquet file: the decoder rejected ${where ? `the data${where}` : 'it'}${because}.`,
        'Re-export the file from its source. Other open files are not affected.',
      );
    case 'unsupported':
      return make(
        `${fileName} uses a Parquet feature memscope's decoder does not support${where}${because}.`,
        'Rewrite the file with a common codec (snappy or zstd) and plain types, e.g. with pyarrow or DuckDB COPY ... TO.',
      );
    case 'too-large':
      return make(
        `${fileName} would decode to ${extra.bytes !== undefined ? formatBytesBinary(extra.bytes) : 'too many bytes'}, over the ${
          extra.budget !== undefined ? formatBytesBinary(extra.budget) : ''
        } budget of one read${because}.`,
        'Rewrite it with smaller row groups (about 10,000 rows each), or open fewer columns. It may also be a decompression bomb.',
      );
    case 'timeout':
      return make(
        `${fileName}: decoding the Parquet data${where} took longer than ${Math.round((extra.timeoutMs ?? 0) / 1000)} s and was stopped.`,
        'The file may be corrupt or a decompression bomb. The decoder was restarted; other open files are not affected.',
      );
    case 'decoder-crash':
      return make(
        // The library's words ("RuntimeError: unreachable", a wasm trap) stay in `detail`: they
        // tell the user nothing; where it happened does.
        where
          ? `${fileName}: the Parquet decoder crashed reading the data${where}, which is probably damaged.`
          : `${fileName}: the Parquet decoder crashed on this file, which is probably damaged.`,
        'The decoder was restarted and other open files are not affected. Re-export the file from its source.',
      );
    case 'out-of-memory':
      return make(
        `${fileName}: the tab ran out of memory while decoding the Parquet data${where}${because}.`,
        'Close other files, or rewrite the file with smaller row groups or fewer columns.',
      );
    case 'cancelled':
      return make(`${fileName}: opening was cancelled.`, 'Open the file again to load it.');
    default:
      return make(
        `${fileName}: ${detail ?? 'an unexpected error occurred while decoding'}.`,
        'Please report this.',
      );
  }
}

const RULES: [RegExp, ErrorCode][] = [
  [/encrypt/i, 'encrypted'],
  [/RuntimeError|unreachable|recursive use of an object/i, 'decoder-crash'],
  [
    /out of memory|memory allocation|capacity overflow|Cannot allocate|WebAssembly\.Memory|Array buffer allocation/i,
    'out-of-memory',
  ],
  [/EOF|less than footer|file size of \d+|unexpected end|Insufficient bytes.*footer/i, 'truncated'],
  [/codec|compression|not yet implemented|not supported|unsupported|Unsupported/i, 'unsupported'],
];

/** The library's message without its "Parquet error: " prefix. */
function cleanDetail(err: unknown): string {
  const raw =
    err instanceof Error ? `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}` : String(err);
  return raw.replace(/^(Parquet error|External|General error|Arrow error):\s*/i, '').slice(0, 400);
}

/**
 * Maps whatever parquet-wasm threw to a MemscopeError that names the file (and where, when the
 * caller knows: the row group and column being read).
 */
export function classifyDecoderError(
  err: unknown,
  fileName: string,
  where: Pick<ParquetErrorExtra, 'column' | 'rowGroup' | 'rowRange'> = {},
): MemscopeError {
  if (err instanceof MemscopeError) return err;
  const detail = cleanDetail(err);
  const raw = err instanceof Error ? `${err.name} ${err.message}` : String(err);
  for (const [pattern, code] of RULES) {
    if (pattern.test(raw)) return parquetError(code, fileName, { detail, ...where });
  }
  return parquetError('corrupt', fileName, { detail, ...where });
}
