import type { RangeBound, RangeScale, RangeSelection } from './facet-query';

/**
 * A brush's bounds as people read and type them (the histogram's "from" / "to" boxes and its chip):
 * times as UTC dates (`2026-01-02`, with the time of day only when there is one), integers exactly,
 * numbers as JavaScript prints them.
 */

export type ParsedBound = { bound: RangeBound } | { error: string };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function formatRangeBound(scale: RangeScale, bound: RangeBound): string {
  if (scale !== 'time') return bound.toString();
  const d = new Date(Number(bound));
  if (Number.isNaN(d.getTime())) return String(bound);
  const y = d.getUTCFullYear();
  const date = `${y < 0 ? '-' : ''}${pad(Math.abs(y), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const [h, m, s, ms] = [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()];
  if (h === 0 && m === 0 && s === 0 && ms === 0) return date;
  const time = `${pad(h)}:${pad(m)}${s !== 0 || ms !== 0 ? `:${pad(s)}` : ''}${ms !== 0 ? `.${pad(ms, 3)}` : ''}`;
  return `${date} ${time}`;
}

/** `created_at: 2026-01-02 – 2026-02-01` (an open side reads `…`). */
export function formatRangeSelection(label: string, s: RangeSelection): string {
  return rangeSelectionParts(label, s).join(' ');
}

/** The same text in the pieces a narrow chip may wrap between (never inside a date). */
export function rangeSelectionParts(label: string, s: RangeSelection): string[] {
  const side = (b: RangeBound | null) => (b === null ? '…' : formatRangeBound(s.scale, b));
  return [`${label}:`, `${side(s.lo)} –`, side(s.hi)];
}

const INTEGER = /^[+-]?\d+$/;
// A date, then optionally a time of day and a zone; without a zone the time is UTC, as shown.
const DATE_TIME =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** The bound typed for a column of `scale`, or a sentence saying what to type. */
export function parseRangeBound(column: string, scale: RangeScale, text: string): ParsedBound {
  const t = text.trim();
  if (scale === 'integer') {
    if (!INTEGER.test(t)) return { error: `“${text}” is not a whole number; ${column} holds integers.` };
    return { bound: BigInt(t) };
  }
  if (scale === 'number') {
    const n = t === '' ? NaN : Number(t);
    if (!Number.isFinite(n)) return { error: `“${text}” is not a number.` };
    return { bound: n };
  }
  const m = DATE_TIME.exec(t);
  const error = {
    error: `“${text}” is not a date ${column} can be compared with: write it as 2026-01-31 or 2026-01-31 12:30 (UTC).`,
  };
  if (!m) return error;
  const [y, mo, d, h = 0, mi = 0, s = 0] = m
    .slice(1, 7)
    .map((x) => (x === undefined ? undefined : Number(x)));
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0'));
  if (y === undefined || mo === undefined || d === undefined) return error;
  if (
    mo < 1 ||
    mo > 12 ||
    d < 1 ||
    d > new Date(Date.UTC(y, mo, 0)).getUTCDate() ||
    h > 23 ||
    mi > 59 ||
    s > 59
  )
    return error;
  let value = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const zone = m[8];
  if (zone && zone.toUpperCase() !== 'Z') {
    const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
    if (!z) return error;
    const offset = (Number(z[2]) * 60 + Number(z[3] ?? 0)) * 60_000;
    value -= z[1] === '-' ? -offset : offset;
  }
  return { bound: value };
}

/** The brush for typed bounds: null when both boxes are empty; lo must be below hi. */
export function rangeFromText(
  column: string,
  scale: RangeScale,
  fromText: string,
  toText: string,
): { range: Pick<RangeSelection, 'lo' | 'hi'> | null } | { error: string } {
  const side = (text: string): { bound: RangeBound | null } | { error: string } =>
    text.trim() === '' ? { bound: null } : parseRangeBound(column, scale, text);
  const lo = side(fromText);
  if ('error' in lo) return lo;
  const hi = side(toText);
  if ('error' in hi) return hi;
  if (lo.bound === null && hi.bound === null) return { range: null };
  if (lo.bound !== null && hi.bound !== null && !(lo.bound < hi.bound))
    return { error: `The range of ${column} is empty: “from” must be below “to”.` };
  return { range: { lo: lo.bound, hi: hi.bound } };
}
