import { describe, expect, it } from 'vitest';
import type { Bins } from '../sql/histogram-bins';
import { ABOVE_BINS, BELOW_BINS, NO_BIN } from './crossfilter';
import { buildCube, cubeShell, cubeSourceBuffers, type CubeSource, type Utf8Part } from './cube-source';

const encoder = new TextEncoder();

/** A Utf8Part of `values` (null: NULL), its validity bits starting at `bitOffset` in the bitmap. */
function part(values: (string | null)[], bitOffset = 0): Utf8Part {
  const bytes: number[] = [];
  const offsets = [0];
  const validity = new Uint8Array(Math.ceil((values.length + bitOffset) / 8) + 1);
  values.forEach((v, i) => {
    if (v !== null) {
      bytes.push(...encoder.encode(v));
      validity[(bitOffset + i) >> 3]! |= 1 << ((bitOffset + i) & 7);
    }
    offsets.push(bytes.length);
  });
  const hasNull = values.includes(null);
  return {
    offsets: Int32Array.from(offsets),
    bytes: Uint8Array.from(bytes),
    validity: hasNull ? validity : null,
    bitOffset,
    length: values.length,
  };
}

const bins = { count: 4 } as unknown as Bins;

describe('buildCube', () => {
  it('encodes value parts by row, in the order values are first seen, NULL as -1', () => {
    const cube = buildCube({
      rows: 5,
      dimensions: [
        {
          kind: 'value',
          column: 'category',
          parts: [
            { rows: Int32Array.from([4, 0]), values: part(['b', null], 3) },
            { rows: Int32Array.from([2, 1, 3]), values: part(['a', 'b', 'é']) },
          ],
        },
      ],
    });
    const d = cube.dimensions[0]!;
    expect(d.kind).toBe('value');
    if (d.kind !== 'value') return;
    expect(d.dictionary).toEqual(['b', 'a', 'é']);
    expect(Array.from(d.codes)).toEqual([-1, 0, 1, 2, 0]);
    expect(d.codes).toBeInstanceOf(Int8Array);
  });

  it('joins list parts whose offsets do not start at 0; a NULL list and a NULL element', () => {
    const elements = part(['x', 'skip', 'y', null, 'x'], 0);
    // The part's lists take elements 1..5 of the chunk (offsets from 1): [skip, y], [], [NULL, x].
    const cube = buildCube({
      rows: 4,
      dimensions: [
        {
          kind: 'list',
          column: 'entities',
          parts: [
            {
              offsets: Int32Array.from([1, 3, 3]),
              elements: { ...elements, offsets: elements.offsets.subarray(1, 4), length: 2, bitOffset: 1 },
            },
            {
              offsets: Int32Array.from([3, 3, 5]),
              elements: { ...elements, offsets: elements.offsets.subarray(3, 6), length: 2, bitOffset: 3 },
            },
          ],
        },
      ],
    });
    const d = cube.dimensions[0]!;
    if (d.kind !== 'list') throw new Error('not a list');
    expect(Array.from(d.offsets)).toEqual([0, 2, 2, 2, 4]);
    expect(d.dictionary).toEqual(['skip', 'y', 'x']);
    expect(Array.from(d.codes)).toEqual([0, 1, -1, 2]);
  });

  it('refuses list parts that do not cover every row', () => {
    const source: CubeSource = {
      rows: 3,
      dimensions: [
        { kind: 'list', column: 'l', parts: [{ offsets: Int32Array.from([0, 1]), elements: part(['a']) }] },
      ],
    };
    expect(() => buildCube(source)).toThrow(/1 rows, expected 3/);
  });

  it.each<[string, number, boolean, number]>([
    ['a bin', 2, true, 2],
    ['below every bin', -1, true, BELOW_BINS],
    ['above every bin', 4, true, ABOVE_BINS],
    ['a final code (not clamped)', ABOVE_BINS, false, ABOVE_BINS],
    ['a final code below', BELOW_BINS, false, BELOW_BINS],
  ])('scatters a range part: %s', (_name, bin, clamp, code) => {
    const cube = buildCube({
      rows: 3,
      dimensions: [
        {
          kind: 'range',
          column: 'n',
          bins,
          parts: [{ rows: Int32Array.from([1]), bins: Int32Array.from([bin]), clamp }],
        },
      ],
    });
    expect(Array.from(cube.dimensions[0]!.codes)).toEqual([NO_BIN, code, NO_BIN]);
  });
});

describe('moving a source to the worker', () => {
  it('lists every buffer under its views once, so a transfer detaches them all', () => {
    const shared = new ArrayBuffer(64);
    const rows = new Int32Array(shared, 0, 2);
    const values = part(['a', 'b']);
    const source: CubeSource = {
      rows: 2,
      dimensions: [
        { kind: 'value', column: 'c', parts: [{ rows, values }] },
        {
          kind: 'range',
          column: 'n',
          bins,
          parts: [{ rows, bins: new Int16Array(shared, 16, 2), clamp: true }],
        },
      ],
    };
    const buffers = cubeSourceBuffers(source);
    expect(new Set(buffers).size).toBe(buffers.length);
    expect(buffers).toEqual(expect.arrayContaining([shared, values.offsets.buffer, values.bytes.buffer]));
    const moved = structuredClone(source, { transfer: buffers });
    expect(rows.byteLength).toBe(0);
    expect(values.bytes.byteLength).toBe(0);
    const d = buildCube(moved).dimensions[0]!;
    expect(d.kind === 'value' && d.dictionary).toEqual(['a', 'b']);
  });

  it('the shell keeps dictionaries and bins, not codes', () => {
    const cube = buildCube({
      rows: 1,
      dimensions: [
        { kind: 'value', column: 'c', parts: [{ rows: Int32Array.from([0]), values: part(['a']) }] },
      ],
    });
    const shell = cubeShell(cube);
    expect(shell.rows).toBe(1);
    expect(shell.dimensions[0]).toMatchObject({ column: 'c', kind: 'value', dictionary: ['a'] });
    expect(shell.dimensions[0]!.codes.length).toBe(0);
  });
});
