import { describe, expect, it } from 'vitest';
import { Binary, Utf8, makeData, makeVector, Table } from 'apache-arrow';
import type { CellValue } from '../../core/format/cell-value';
import { cellFullValue } from './cell-full-value';
import { gridColumns, type GridExtraColumn } from './column-model';
import type { PageView } from './use-grid-pages';

function utf8(values: string[]) {
  // ASCII only: characters are bytes.
  const bytes = new TextEncoder().encode(values.join(''));
  const offsets = Int32Array.from([0, ...values.map((_, i) => values.slice(0, i + 1).join('').length)]);
  return makeVector(
    makeData({ type: new Utf8(), length: values.length, valueOffsets: offsets, data: bytes }),
  );
}

// A page of two rows, file rows 40 and 41 (as after a sort), a text and a binary column.
const bytes = Uint8Array.of(0xde, 0xad, 0xbe, 0xef);
const page = new Table({
  __row: makeVector(BigInt64Array.of(41n, 40n)),
  memory_id: utf8(['m-41', 'm-40']),
  diff: makeVector(
    makeData({
      type: new Binary(),
      length: 2,
      valueOffsets: Int32Array.of(0, 4, 4),
      data: bytes,
    }),
  ),
});
const heavyCell: CellValue = { kind: 'vector', text: '3-d', dim: 3, values: Float32Array.of(1, 2, 3) };
const heavy: GridExtraColumn = {
  name: 'embedding',
  typeLabel: 'vector[3]',
  getCell: (fileRow, mode) => (fileRow === 41 && mode === 'full' ? heavyCell : undefined),
};
const columns = gridColumns(
  page.schema.fields.map((f) => ({ name: f.name, type: f.type })),
  [heavy],
  new Set(['__row']),
);
const view: PageView = {
  vectors: columns.map((c) => (c.source === null ? null : page.getChildAt(c.source))),
  rowNumbers: page.getChild('__row'),
};

describe('cellFullValue', () => {
  it.each([
    // [case, col, row (position), local, hasRowNumbers, column, rowLabel, copy]
    ['text, labelled by the file row', 0, 512, 0, true, 'memory_id', 'row 41', 'm-41'],
    ['text, labelled by position without row numbers', 0, 513, 1, false, 'memory_id', 'row 514', 'm-40'],
    ['a heavy column by its file row', 2, 512, 0, true, 'embedding', 'row 41', '[1, 2, 3]'],
  ])('%s', (_name, col, row, local, hasRowNumbers, column, rowLabel, copy) => {
    const full = cellFullValue(columns, col, view, row, local, hasRowNumbers);
    expect(full).toMatchObject({ column, rowLabel, copy });
  });

  it('carries the raw bytes of a binary value', () => {
    const full = cellFullValue(columns, 1, view, 0, 0, true);
    expect(full?.cell.kind).toBe('binary');
    expect(full?.bytes).toEqual(bytes);
    expect(cellFullValue(columns, 1, view, 1, 1, true)?.bytes).toEqual(new Uint8Array());
  });

  it.each([
    ['the page is not loaded', 0, undefined, 0],
    ['no such column', 7, view, 0],
    ['the heavy value is not loaded', 2, view, 1],
  ])('is null when %s', (_name, col, pageView, local) => {
    expect(cellFullValue(columns, col, pageView, local, local, true)).toBeNull();
  });
});
