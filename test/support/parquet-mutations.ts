import { readFooterMeta } from '../../src/data/parquet/footer-meta';
import { walkPages } from '../../src/data/parquet/page-headers';
import { mulberry32 as mulberry32Js } from '../../scripts/lib/mulberry32.mjs';

/**
 * Seeded mutations of a valid Parquet file for test/fuzz-parquet.test.ts: the damage real files
 * get (bit rot, cut downloads, a footer length that lies, pages written out of order) aimed at
 * the parts a decoder trusts most: the footer, the page headers and the page order.
 */

export type Rng = () => number;

/** The samples' generator PRNG (scripts/lib/mulberry32.mjs): seedable, floats in [0, 1). */
export const mulberry32: (seed: number) => Rng = mulberry32Js;

/** One case's own seed from the run's seed and its index (so one case can be rerun alone). */
export function caseSeed(seed: number, index: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
}

const int = (rng: Rng, n: number) => Math.floor(rng() * n);
const pick = <T>(rng: Rng, items: readonly T[]): T => items[int(rng, items.length)] as T;

export interface Mutation {
  bytes: Uint8Array;
  /** What was done, for the failure report. */
  what: string;
}

interface Page {
  start: number;
  end: number;
  chunk: number;
}

/** Footer byte range [start, end) from the trailing length (null when that is already nonsense). */
function footerRange(bytes: Uint8Array): [number, number] | null {
  if (bytes.length < 12) return null;
  const len = new DataView(bytes.buffer, bytes.byteOffset).getUint32(bytes.length - 8, true);
  if (len === 0 || len > bytes.length - 12) return null;
  return [bytes.length - 8 - len, bytes.length - 8];
}

/** Every page (header + body) of every column chunk, by walking the page headers. */
export function pagesOf(bytes: Uint8Array): Page[] {
  const range = footerRange(bytes);
  if (!range) return [];
  const meta = readFooterMeta(bytes.subarray(range[0], range[1]));
  const pages: Page[] = [];
  let chunk = 0;
  for (const group of meta.rowGroups) {
    for (const column of group.columns) {
      const end = Math.min(column.start + column.compressedBytes, range[0]);
      if (column.start >= 0 && column.start < end) {
        for (const p of walkPages(bytes.subarray(column.start, end), column.start))
          pages.push({ start: p.start, end: p.end, chunk });
      }
      chunk++;
    }
  }
  return pages;
}

function flipBits(bytes: Uint8Array, rng: Rng): Mutation {
  const out = bytes.slice();
  const footer = footerRange(bytes);
  const pages = pagesOf(bytes);
  const region = pick(rng, ['footer', 'page header', 'anywhere'] as const);
  const n = 1 + int(rng, 8);
  const at: number[] = [];
  for (let i = 0; i < n; i++) {
    let pos: number;
    if (region === 'footer' && footer) pos = footer[0] + int(rng, footer[1] - footer[0]);
    else if (region === 'page header' && pages.length > 0) pos = pick(rng, pages).start + int(rng, 24);
    else pos = int(rng, out.length);
    pos = Math.min(pos, out.length - 1);
    out[pos] = (out[pos] as number) ^ (1 << int(rng, 8));
    at.push(pos);
  }
  return { bytes: out, what: `${n} bit flip(s) (${region}) at ${at.join(', ')}` };
}

function truncate(bytes: Uint8Array, rng: Rng): Mutation {
  const keepTail = rng() < 0.5;
  const cut = 1 + int(rng, bytes.length - 1);
  if (!keepTail) return { bytes: bytes.slice(0, cut), what: `truncated to ${cut} bytes` };
  // A middle part lost but the footer kept: every offset after the hole points at the wrong bytes.
  const footer = footerRange(bytes);
  const tailStart = footer ? footer[0] : bytes.length - 8;
  const from = Math.min(cut, tailStart - 1);
  const to = from + 1 + int(rng, Math.max(1, tailStart - from));
  const out = new Uint8Array(bytes.length - (to - from));
  out.set(bytes.subarray(0, from));
  out.set(bytes.subarray(to), from);
  return { bytes: out, what: `bytes ${from}-${to} removed, footer kept` };
}

function lieAboutFooterLength(bytes: Uint8Array, rng: Rng): Mutation {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  const real = view.getUint32(out.length - 8, true);
  const lie = pick(rng, [
    0,
    1,
    real - 1 - int(rng, 16),
    real + 1 + int(rng, 16),
    out.length - 8,
    out.length,
    0xffffffff,
    int(rng, 0x100000000),
  ]);
  view.setUint32(out.length - 8, lie >>> 0, true);
  return { bytes: out, what: `footer length ${real} -> ${lie >>> 0}` };
}

function swapPages(bytes: Uint8Array, rng: Rng): Mutation {
  const pages = pagesOf(bytes);
  const byChunk = new Map<number, Page[]>();
  for (const p of pages) byChunk.set(p.chunk, [...(byChunk.get(p.chunk) ?? []), p]);
  const multi = [...byChunk.values()].filter((ps) => ps.length >= 2);
  const out = bytes.slice();
  if (multi.length > 0 && rng() < 0.6) {
    // Two pages of one chunk change places (e.g. the dictionary after a data page): the
    // chunk keeps its byte range, so only the page order is wrong.
    const ps = pick(rng, multi);
    const i = int(rng, ps.length - 1);
    const a = ps[i] as Page;
    const b = ps[i + 1 + int(rng, ps.length - i - 1)] as Page;
    const between = bytes.subarray(a.end, b.start);
    const pageA = bytes.subarray(a.start, a.end);
    const pageB = bytes.subarray(b.start, b.end);
    out.set(pageB, a.start);
    out.set(between, a.start + pageB.length);
    out.set(pageA, a.start + pageB.length + between.length);
    return { bytes: out, what: `pages at ${a.start} and ${b.start} of one chunk swapped` };
  }
  if (pages.length >= 2) {
    // Two pages of different columns: the shorter length of both is exchanged.
    const a = pick(rng, pages);
    const b = pick(rng, pages);
    const n = Math.min(a.end - a.start, b.end - b.start);
    out.set(bytes.subarray(b.start, b.start + n), a.start);
    out.set(bytes.subarray(a.start, a.start + n), b.start);
    return { bytes: out, what: `first ${n} bytes of pages at ${a.start} and ${b.start} swapped` };
  }
  return flipBits(bytes, rng);
}

export const MUTATORS = {
  'bit flips': flipBits,
  truncation: truncate,
  'footer length lie': lieAboutFooterLength,
  'swapped pages': swapPages,
} as const;

export function mutate(bytes: Uint8Array, rng: Rng): Mutation {
  const [name, fn] = pick(rng, Object.entries(MUTATORS));
  const m = fn(bytes, rng);
  return { bytes: m.bytes, what: `${name}: ${m.what}` };
}
