import { describe, expect, it } from 'vitest';
import { Field, Int32, Schema, Table, tableToIPC } from 'apache-arrow';
import type { ErrorCode } from '../../core/errors';
import { locateFailure } from './locate-failure';
import { parquetError } from './parquet-errors';
import type { ParquetFooter, ReadRequest } from './parquet-reader';

const footer = {
  fileName: 'x.parquet',
  rowGroups: [
    { rows: 10, firstRow: 0, compressedBytes: 1, uncompressedBytes: 1 },
    { rows: 10, firstRow: 10, compressedBytes: 1, uncompressedBytes: 1 },
  ],
  arrowSchemaIpc: tableToIPC(
    new Table(new Schema(['a', 'b', 'c'].map((n) => new Field(n, new Int32())))),
    'stream',
  ),
} as unknown as ParquetFooter;

/** A probe decoder whose reads fail when they touch `bad` (a row group and column). */
function probe(bad: { rowGroup: number; column: string; code: ErrorCode } | null, log: ReadRequest[]) {
  let closed = false;
  return {
    source: {
      read(req: ReadRequest) {
        log.push(req);
        const hit = bad && req.rowGroups.includes(bad.rowGroup) && (req.columns ?? []).includes(bad.column);
        return hit
          ? Promise.reject(parquetError(bad.code, 'x.parquet', { detail: 'probe failure' }))
          : Promise.resolve(new Uint8Array());
      },
      close() {
        closed = true;
      },
    },
    closed: () => closed,
  };
}

const crash = parquetError('decoder-crash', 'x.parquet', { detail: 'unreachable' });

describe('locateFailure', () => {
  it.each([
    [
      'a trap in column b of row group 1, asked for groups 0 and 1',
      { rowGroups: [0, 1] },
      { rowGroup: 1, column: 'b', code: 'decoder-crash' as ErrorCode },
      /crashed reading the data in column "b" of row group 1 \(rows 10-19\)/,
    ],
    [
      'a single column fails with a clearer error than the trap',
      { rowGroups: [0], columns: ['a', 'c'] },
      { rowGroup: 0, column: 'c', code: 'corrupt' as ErrorCode },
      /damaged Parquet file: the decoder rejected the data in column "c" of row group 0 \(rows 0-9\) \(probe failure\)/,
    ],
    [
      'no column fails alone: the row group is named',
      { rowGroups: [0] },
      null,
      /crashed reading the data in row group 0 \(rows 0-9\)/,
    ],
  ])('%s', async (_name, request, bad, message) => {
    const log: ReadRequest[] = [];
    const p = probe(bad, log);
    const located = await locateFailure(crash, request, footer, () => p.source, Date.now() + 60_000);
    expect(located.message).toMatch(message);
    expect(located.file).toBe('x.parquet');
    expect(p.closed()).toBe(true);
  });

  it('a one-column, one-group read is named without probing', async () => {
    const located = await locateFailure(
      crash,
      { rowGroups: [1], columns: ['b'] },
      footer,
      () => {
        throw new Error('no probe expected');
      },
      Date.now() + 60_000,
    );
    expect(located.message).toMatch(/column "b" of row group 1/);
  });

  it.each(['timeout', 'too-large', 'cancelled'] as ErrorCode[])('%s is not probed', async (code) => {
    const err = parquetError(code, 'x.parquet');
    const located = await locateFailure(
      err,
      { rowGroups: [0] },
      footer,
      () => {
        throw new Error('no probe expected');
      },
      Date.now() + 60_000,
    );
    expect(located).toBe(err);
  });

  it('stops probing at the deadline and says what it knows', async () => {
    const log: ReadRequest[] = [];
    const p = probe({ rowGroup: 0, column: 'c', code: 'corrupt' }, log);
    const located = await locateFailure(crash, { rowGroups: [0] }, footer, () => p.source, Date.now() - 1);
    expect(log).toEqual([]);
    expect(located.message).toMatch(/row group 0/);
    expect(located.message).not.toMatch(/column/);
  });
});
