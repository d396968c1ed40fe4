/**
 * Executor ids are Rust i64. JavaScript numbers hold integers exactly only up to 2^53, so ids are
 * kept as canonical decimal strings: no leading zeros, no "+", "-0" becomes "0".
 */
import type { ExecutorId } from './types';

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;
const INTEGER_TEXT = /^\s*[-+]?\d+\s*$/;

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
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (na !== nb) return na ? -1 : 1;
  return a < b ? -1 : 1;
}

function isCanonical(id: string): boolean {
  return /^-?\d+$/.test(id);
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
