import { MemscopeError } from '../../core/errors';
import { arrowError } from '../arrow-errors';
import { parquetError } from './parquet-errors';
import { readRange, type ByteSource } from './byte-source';

/**
 * What a dropped file is, from its magic bytes first and its extension second (extensions lie more
 * often than magic bytes). Pure: the caller reads the first and last 8 bytes.
 */
export type FileKind = 'parquet' | 'arrow-file' | 'arrow-stream' | 'csv';

export const ACCEPTED_FILES = 'Parquet (.parquet), Arrow IPC (.arrow, .feather) and CSV (.csv, .tsv) files';

const PAR1 = [0x50, 0x41, 0x52, 0x31];
const PARE = [0x50, 0x41, 0x52, 0x45];
const ARROW1 = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31];
const FEA1 = [0x46, 0x45, 0x41, 0x31];
/** An IPC stream starts with a continuation marker (0xFFFFFFFF) before its first message. */
const IPC_CONTINUATION = [0xff, 0xff, 0xff, 0xff];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

function endsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  const off = bytes.length - magic.length;
  return off >= 0 && magic.every((b, i) => bytes[off + i] === b);
}

/** The first bytes are Parquet's (plain `PAR1` or encrypted `PARE`). */
export function isParquetMagic(head: Uint8Array): boolean {
  return startsWith(head, PAR1) || startsWith(head, PARE);
}

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/**
 * @param head the file's first bytes (at least 8 when the file has them)
 * @param tail the file's last bytes (at least 8 when the file has them)
 * @throws MemscopeError 'encrypted' | 'truncated' | 'not-parquet' | 'unsupported' | 'corrupt' (Arrow
 *   errors are worded for Arrow: arrow-errors.ts)
 */
export function detectFileKind(fileName: string, size: number, head: Uint8Array, tail: Uint8Array): FileKind {
  const ext = extensionOf(fileName);
  if (startsWith(head, PARE) || (startsWith(head, PAR1) && endsWith(tail, PARE))) {
    throw parquetError('encrypted', fileName);
  }
  if (startsWith(head, PAR1)) {
    // A Parquet file needs both magics and a 4-byte footer length: 12 bytes at the very least.
    if (size < 12 || !endsWith(tail, PAR1)) throw parquetError('truncated', fileName);
    return 'parquet';
  }
  if (startsWith(head, ARROW1)) {
    if (size < 12 || !endsWith(tail, ARROW1)) throw arrowError('truncated', fileName);
    return 'arrow-file';
  }
  if (ext === 'arrow' || ext === 'feather' || ext === 'arrows' || ext === 'ipc') {
    if (startsWith(head, FEA1)) {
      throw new MemscopeError({
        code: 'unsupported',
        file: fileName,
        message: `${fileName} is a Feather version 1 file, which memscope does not read.`,
        hint: 'Rewrite it as Feather version 2 (Arrow IPC), e.g. pyarrow.feather.write_feather(table, path).',
      });
    }
    if (startsWith(head, IPC_CONTINUATION)) return 'arrow-stream';
    if (size > 0) throw arrowError('not-arrow', fileName);
  }
  if (ext === 'csv' || ext === 'tsv') return 'csv';
  if (size === 0) {
    throw new MemscopeError({
      code: ext === 'parquet' ? 'truncated' : 'not-parquet',
      file: fileName,
      message: `${fileName} is empty (0 bytes).`,
      hint: `memscope opens ${ACCEPTED_FILES}.`,
    });
  }
  throw parquetError('not-parquet', fileName);
}

/** Reads the first and last 8 bytes of a Blob (two small slices: the file is never read whole). */
export async function readMagic(blob: ByteSource): Promise<{ head: Uint8Array; tail: Uint8Array }> {
  const n = Math.min(8, blob.size);
  // The end first: over HTTP the footer's range is asked for first (docs/data-path.md, URL files).
  const [tail, head] = await Promise.all([
    readRange(blob, Math.max(0, blob.size - 8), blob.size),
    readRange(blob, 0, n),
  ]);
  return { head, tail };
}
