import { useState } from 'react';
import {
  Field,
  Float32,
  Int32,
  List,
  Table,
  TimestampMillisecond,
  Utf8,
  makeData,
  makeVector,
  tableFromIPC,
  tableToIPC,
} from 'apache-arrow';
import { DataGrid } from './data-grid';
import { WarmUpBox } from '../warm-up/warm-up-box';
import type { GridSource } from '../../core/grid-source';

const ROWS = 64;

function utf8(values: readonly string[]) {
  const bytes = new TextEncoder().encode(values.join(''));
  const offsets = new Int32Array(values.length + 1);
  let at = 0;
  values.forEach((v, i) => {
    at += new TextEncoder().encode(v).length;
    offsets[i + 1] = at;
  });
  return makeData({ type: new Utf8(), length: values.length, valueOffsets: offsets, data: bytes });
}

/**
 * A small in-memory source with the column types of memory stores, pages read back from Arrow IPC.
 * Built from buffers: Arrow's builders (vectorFromArray) compile code with `new Function`, which
 * the page's Content Security Policy forbids.
 */
function warmUpSource(): GridSource {
  const idx = Array.from({ length: ROWS }, (_, i) => i);
  // Every third row has no entities (a null list).
  const listValid = new Uint8Array(Math.ceil(ROWS / 8));
  const listOffsets = new Int32Array(ROWS + 1);
  const items: string[] = [];
  for (const i of idx) {
    if (i % 3) {
      listValid[i >> 3] = (listValid[i >> 3] ?? 0) | (1 << (i & 7));
      items.push('a', `b${i}`);
    }
    listOffsets[i + 1] = items.length;
  }
  const table = new Table({
    __row: makeVector(BigInt64Array.from(idx, (i) => BigInt(i))),
    memory_id: makeVector(utf8(idx.map((i) => `m-${i}`))),
    content: makeVector(utf8(idx.map((i) => 'warm up '.repeat((i % 9) + 1)))),
    entities: makeVector(
      makeData({
        type: new List(new Field('item', new Utf8(), true)),
        length: ROWS,
        nullBitmap: listValid,
        valueOffsets: listOffsets,
        child: utf8(items),
      }),
    ),
    created_at: makeVector(
      makeData({
        type: new TimestampMillisecond(),
        length: ROWS,
        data: BigInt64Array.from(idx, (i) => BigInt(1.7e12 + i * 1000)),
      }),
    ),
    importance: makeVector(
      makeData({ type: new Float32(), length: ROWS, data: Float32Array.from(idx, (i) => i / ROWS) }),
    ),
    access_count: makeVector(makeData({ type: new Int32(), length: ROWS, data: Int32Array.from(idx) })),
  });
  const ipc = tableToIPC(table, 'stream');
  return {
    key: 'warm-up',
    rowCount: ROWS,
    columns: table.schema.fields.map((f) => ({ name: f.name, type: f.type })),
    fetchRows: (offset, limit) => Promise.resolve(tableFromIPC(ipc).slice(offset, offset + limit)),
  };
}

/**
 * Renders a hidden grid over a few in-memory rows once, then reports done. V8 compiles functions
 * lazily, on first call: the first grid of the session (the grid, its rows and cells, cell
 * formatting, the column virtualizer, Arrow's IPC reader) ran several times slower than the next,
 * on the path from a drop to its first rows. Mounted by the app while it is idle after start-up.
 */
export function GridWarmUp({ onDone }: { onDone(): void }) {
  const [source] = useState(warmUpSource);
  return (
    <WarmUpBox className="dg-warm-up">
      <DataGrid
        source={source}
        label="Warm-up"
        onFirstRowsPainted={onDone}
        initialSize={{ width: 900, height: 400 }}
      />
    </WarmUpBox>
  );
}
