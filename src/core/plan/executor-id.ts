/**
 * Executor ids are Rust i64. JavaScript numbers hold integers exactly only up to 2^53, so ids are
 * kept as canonical decimal strings: no leading zeros, no "+", "-0" becomes "0".
 */
import type { ExecutorId } from './types';

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;
const INTEGER_TEXT = /^\s*[-+]?\d+\s*$/;
const CANONICAL_TEXT = /^(?:0|-?[1-9]\d*)$/;
const I64_MAX_TEXT = '9223372036854775807';
const I64_MIN_MAGNITUDE = '9223372036854775808';

/** A canonical decimal string (see CANONICAL_TEXT) inside the i64 range. */
function withinI64(text: string): boolean {
  const negative = text.charCodeAt(0) === 45;
  const digits = negative ? text.length - 1 : text.length;
  if (digits !== 19) return digits < 19;
  const magnitude = negative ? text.slice(1) : text;
  return magnitude <= (negative ? I64_MIN_MAGNITUDE : I64_MAX_TEXT);
}

export type IdResult = { ok: true; id: ExecutorId } | { ok: false; reason: string; fallback: string | null };

/** Normalizes a JSON/Arrow/CSV value to a canonical id, or says why it is not one. */
export function normalizeExecutorId(value: unknown): IdResult {
  if (typeof value === 'bigint') return fromBigInt(value, String(value));
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || !Number.isInteger(value)) {
      return { ok: false, reason: `${String(value)} is not an integer`, fallback: String(value) };
    }
    if (!Number.isSafeInteger(value)) {
      // JSON.parse already rounded it: the id the engine wrote is lost.
      return {
        ok: false,
        reason: `${String(value)} is beyond 2^53 and was rounded when read as a JSON number; write the id as a string`,
        fallback: BigInt(value).toString(),
      };
    }
    return { ok: true, id: Object.is(value, -0) ? '0' : String(value) };
  }
  if (typeof value === 'string') {
    if (!INTEGER_TEXT.test(value)) {
      return {
        ok: false,
        reason: `"${truncate(value)}" is not an integer id`,
        fallback: value === '' ? null : value,
      };
    }
    // Already canonical and inside i64 (most ids in a file): kept as is, without a BigInt.
    if (CANONICAL_TEXT.test(value) && withinI64(value)) return { ok: true, id: value };
    return fromBigInt(BigInt(value.trim()), value);
  }
  if (value === null || value === undefined)
    return { ok: false, reason: 'the id is missing', fallback: null };
  return { ok: false, reason: `expected an integer id, got ${describeType(value)}`, fallback: null };
}

function fromBigInt(v: bigint, raw: string): IdResult {
  if (v < I64_MIN || v > I64_MAX) {
    return { ok: false, reason: `${truncate(raw)} is outside the i64 range`, fallback: v.toString() };
  }
  return { ok: true, id: v.toString() };
}

/** Numeric order for canonical ids; non-numeric ids (best-effort fallbacks) sort after, by text. */
export function compareExecutorIds(a: ExecutorId, b: ExecutorId): number {
  if (a === b) return 0;
  const na = isCanonical(a);
  const nb = isCanonical(b);
  if (na && nb) {
    // Fast path: both fit in a double exactly.
    if (a.length < 16 && b.length < 16) return Number(a) - Number(b);
    return compareCanonical(a, b);
  }
  if (na !== nb) return na ? -1 : 1;
  return a < b ? -1 : 1;
}

/**
 * Two different canonical decimal strings compared as integers, exactly and without BigInt: a
 * canonical id has no leading zeros, so among ids of one sign the longer magnitude is the larger.
 */
function compareCanonical(a: string, b: string): number {
  const negA = a.charCodeAt(0) === 45;
  const negB = b.charCodeAt(0) === 45;
  if (negA !== negB) return negA ? -1 : 1;
  const byMagnitude = a.length !== b.length ? a.length - b.length : a < b ? -1 : 1;
  return negA ? -byMagnitude : byMagnitude;
}

function isCanonical(id: string): boolean {
  return /^-?\d+$/.test(id);
}

/**
 * Rank of each id in ascending id order (ties by position), as used for stable tie-breaking. Ids
 * read from a file are usually listed in order already: that is checked in one pass first, so a
 * 1,000,000-executor schedule is not sorted with a comparator.
 */
export function rankExecutorIds(ids: readonly ExecutorId[]): Int32Array {
  const n = ids.length;
  const rank = new Int32Array(n);
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) if (compareExecutorIds(ids[i - 1]!, ids[i]!) > 0) sorted = false;
  if (sorted) {
    for (let i = 0; i < n; i++) rank[i] = i;
    return rank;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => compareExecutorIds(ids[a]!, ids[b]!) || a - b,
  );
  for (let r = 0; r < n; r++) rank[order[r]!] = r;
  return rank;
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string "${truncate(value)}"`;
  return `${typeof value} ${String(value)}`;
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/**
 * Quotes integer literals beyond 2^53 in JSON text so that JSON.parse keeps them exact (as
 * strings). Node 20 has no JSON.parse source-text access (the reviver's `context.source`), so this
 * one-pass scan is the portable way. Strings in the text are skipped untouched.
 */
export function quoteBigIntegers(text: string): string {
  // No run of 16 digits anywhere: no literal can be beyond 2^53 (a native scan, ~20x the JS loop).
  if (!/\d{16}/.test(text)) return text;
  let out: string[] | null = null;
  let last = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i += 2;
        else if (d === 34) {
          i++;
          break;
        } else i++;
      }
      continue;
    }
    if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      const start = i;
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if ((d >= 48 && d <= 57) || d === 46 || d === 101 || d === 69 || d === 43 || d === 45) i++;
        else break;
      }
      const literal = text.slice(start, i);
      const digits = literal[0] === '-' ? literal.length - 1 : literal.length;
      if (digits >= 16 && /^-?\d+$/.test(literal) && !Number.isSafeInteger(Number(literal))) {
        out ??= [];
        out.push(text.slice(last, start), '"', literal, '"');
        last = i;
      }
      continue;
    }
    i++;
  }
  if (out === null) return text;
  out.push(text.slice(last));
  return out.join('');
}
