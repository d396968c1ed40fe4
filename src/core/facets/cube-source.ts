import type { Data, Utf8 } from 'apache-arrow';
import type { Utf8Chunk } from '../lookup/id-index';
import type { Bins } from '../sql/histogram-bins';
import {
  ABOVE_BINS,
  BELOW_BINS,
  NO_BIN,
  narrowCodes,
  type CubeDimension,
  type FacetCube,
} from './crossfilter';
import { Utf8Dictionary } from './utf8-dictionary';

/**
 * What the facet cube is built from (docs/explore.md, "Facets at scale"): DuckDB's results for each
 * facet column, reduced to the typed-array views of their Arrow buffers and nothing else, so they
 * can be moved to the facet worker (transferred: `cubeSourceBuffers`, not copied value by value)
 * and encoded there by `buildCube`. The page only reads the results in and hands them on; the
 * dictionary encoding of up to a million strings and the scattering of codes by row happen in the
 * worker. The same `buildCube` runs in-process where there is no worker (Node's tests).
 */

/**
 * Entries of a UTF-8 Arrow chunk as plain buffers: entry i is bytes[offsets[i] .. offsets[i + 1]),
 * NULL where bit `bitOffset + i` of `validity` is 0 (no validity: none is NULL).
 */
export interface Utf8Part {
  offsets: Int32Array;
  bytes: Uint8Array;
  validity: Uint8Array | null;
  bitOffset: number;
  length: number;
}

export type DimensionSource =
  | {
      kind: 'value';
      column: string;
      /** Each part: its rows' indexes (`__row` less the first) and their values as text. */
      parts: { rows: Int32Array; values: Utf8Part }[];
    }
  | {
      kind: 'list';
      column: string;
      /**
       * The lists in row order, part after part: part i's list j holds its `elements` entries
       * offsets[j] − offsets[0] .. offsets[j + 1] − offsets[0] (a NULL list holds none).
       */
      parts: { offsets: Int32Array; elements: Utf8Part }[];
    }
  | {
      kind: 'range';
      column: string;
      bins: Bins;
      /**
       * Each part: rows and their bins. `clamp`: a bin from the bins query, where one outside the
       * bins (the table changed after they were made) is below or above every bin; otherwise the
       * codes are final (the non-finite query's).
       */
      parts: { rows: Int32Array; bins: Int32Array | Int16Array; clamp: boolean }[];
    };

export interface CubeSource {
  rows: number;
  dimensions: DimensionSource[];
}

/**
 * A UTF-8 Arrow chunk's entries from..to as a Utf8Part, in place. apache-arrow slices a chunk's
 * offsets with it, never its bytes or validity bitmap: the bitmap is read from `data.offset`.
 */
export function utf8Part(data: Data<Utf8>, from = 0, to = data.length): Utf8Part {
  return {
    offsets: data.valueOffsets.subarray(from, to + 1),
    bytes: data.values,
    validity: data.nullCount > 0 ? data.nullBitmap : null,
    bitOffset: data.offset + from,
    length: to - from,
  };
}

/** A Utf8Part read as the dictionary reads chunks. */
function chunkOf(part: Utf8Part): Utf8Chunk {
  const { validity, bitOffset } = part;
  return {
    offsets: part.offsets,
    values: part.bytes,
    length: part.length,
    isNull: validity
      ? (i) => ((validity[(bitOffset + i) >> 3]! >> ((bitOffset + i) & 7)) & 1) === 0
      : () => false,
  };
}

/** Every ArrayBuffer under a source's views, for a transfer list (each once). */
export function cubeSourceBuffers(source: CubeSource): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const add = (view: ArrayBufferView | null) => {
    if (view) buffers.add(view.buffer as ArrayBuffer);
  };
  const addPart = (p: Utf8Part) => {
    add(p.offsets);
    add(p.bytes);
    add(p.validity);
  };
  for (const d of source.dimensions) {
    for (const part of d.parts) {
      if ('rows' in part) add(part.rows);
      if (d.kind === 'value') addPart((part as { values: Utf8Part }).values);
      else if (d.kind === 'list') {
        const p = part as { offsets: Int32Array; elements: Utf8Part };
        add(p.offsets);
        addPart(p.elements);
      } else add((part as { bins: Int32Array | Int16Array }).bins);
    }
  }
  return [...buffers];
}

/** The facet cube of a source: strings dictionary-encoded, codes scattered to their rows. */
export function buildCube(source: CubeSource): FacetCube {
  return { rows: source.rows, dimensions: source.dimensions.map((d) => buildDimension(d, source.rows)) };
}

function buildDimension(d: DimensionSource, rows: number): CubeDimension {
  if (d.kind === 'value') {
    const dictionary = new Utf8Dictionary();
    const codes = new Int32Array(rows).fill(-1);
    for (const part of d.parts) dictionary.encode(chunkOf(part.values), codes, part.rows);
    return {
      column: d.column,
      kind: 'value',
      codes: narrowCodes(codes, dictionary.size),
      dictionary: dictionary.values,
    };
  }
  if (d.kind === 'list') {
    const dictionary = new Utf8Dictionary();
    const listed = d.parts.reduce((n, p) => n + p.offsets.length - 1, 0);
    if (listed !== rows) throw new Error(`${d.column}: ${listed} rows, expected ${rows}.`);
    const elements = d.parts.reduce((n, p) => n + p.elements.length, 0);
    const offsets = new Int32Array(rows + 1);
    const codes = new Int32Array(elements);
    let row = 0;
    let at = 0;
    for (const { offsets: own, elements: part } of d.parts) {
      const first = own[0]!;
      // A NULL list holds no element (its offsets are equal).
      for (let i = 1; i < own.length; i++) offsets[row + i] = at + own[i]! - first;
      dictionary.encode(chunkOf(part), codes.subarray(at, at + part.length));
      row += own.length - 1;
      at += part.length;
    }
    return {
      column: d.column,
      kind: 'list',
      offsets,
      codes: narrowCodes(codes, dictionary.size),
      dictionary: dictionary.values,
    };
  }
  const { bins } = d;
  const codes = new Int16Array(rows).fill(NO_BIN);
  for (const part of d.parts) {
    const { rows: at, bins: values, clamp } = part;
    for (let i = 0; i < at.length; i++) {
      const bin = values[i]!;
      codes[at[i]!] = !clamp ? bin : bin < 0 ? BELOW_BINS : bin >= bins.count ? ABOVE_BINS : bin;
    }
  }
  return { column: d.column, kind: 'range', bins, codes: narrowCodes(Int32Array.from(codes), bins.count) };
}

/**
 * The cube as the page keeps it once the worker holds the codes: dictionaries and bins (all that
 * compileSelections and topCounts read), the codes left empty.
 */
export function cubeShell(cube: FacetCube): FacetCube {
  return {
    rows: cube.rows,
    dimensions: cube.dimensions.map((d) =>
      d.kind === 'list'
        ? { ...d, offsets: new Int32Array(0), codes: new Int8Array(0) }
        : { ...d, codes: new Int8Array(0) },
    ),
  };
}
