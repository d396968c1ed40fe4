import type { RangeBound, RangeScale } from './facet-query';

/**
 * "Nice" histogram bins over a column's [min, max] (docs/explore.md, "Histograms"): numbers in steps
 * of 1, 2 or 5 × 10^k, integers in whole steps, times in steps people count in (seconds, minutes,
 * hours, days, weeks from Monday, calendar months, years). Edges are computed one way here and the
 * same way in SQL (histogram-query.ts), so a row on an edge falls in the bin that the brush's
 * `>= edge` filter says it does.
 */

/** Bins wanted at most: about 5 px per bar in the facet panel. */
export const MAX_BINS = 40;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
/** 1970-01-05, a Monday: weeks start on Mondays (the epoch was a Thursday). */
const WEEK_ORIGIN = 4 * DAY;
const MONTH_MS = 30.436875 * DAY;

/** Fixed time steps in ms, smallest first (months and years are calendar steps, below). */
const TIME_STEPS = [
  SECOND,
  5 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  WEEK,
];
const MONTH_STEPS = [1, 2, 3, 6, 12];

/**
 * Bins `0 .. count - 1`. Bin i holds [edge(i), edge(i + 1)) (binEdge).
 * - number: edge(i) = (loUnits + i * widthUnits) / divisor, a nice decimal computed as integers over a
 *   power of ten, so the double is the one nearest the decimal, in JS and in DuckDB alike;
 * - integer: exact bigints;
 * - time/ms: epoch ms, lo aligned to the step (weeks to Monday 00:00 UTC);
 * - time/month: lo is a month index (year × 12 + month − 1), the width a number of months.
 */
export type Bins =
  | { scale: 'number'; loUnits: number; widthUnits: number; divisor: number; count: number }
  | { scale: 'integer'; lo: bigint; width: bigint; count: number }
  | { scale: 'time'; unit: 'ms'; lo: number; width: number; count: number }
  | { scale: 'time'; unit: 'month'; lo: number; width: number; count: number };

/** The lower edge of bin i (i = count gives the upper edge of the last bin): epoch ms for times. */
export function binEdge(bins: Bins, i: number): RangeBound {
  switch (bins.scale) {
    case 'number':
      return (bins.loUnits + i * bins.widthUnits) / bins.divisor;
    case 'integer':
      return bins.lo + BigInt(i) * bins.width;
    case 'time':
      if (bins.unit === 'ms') return bins.lo + i * bins.width;
      return monthStart(bins.lo + i * bins.width);
  }
}

/** A bin's width, for labels ("1 month", "0.05"). */
export function binWidthLabel(bins: Bins): string {
  switch (bins.scale) {
    case 'number':
      return String(bins.widthUnits / bins.divisor);
    case 'integer':
      return bins.width.toString();
    case 'time': {
      if (bins.unit === 'month') {
        if (bins.width % 12 === 0) return plural(bins.width / 12, 'year');
        return plural(bins.width, 'month');
      }
      const units: [number, string][] = [
        [WEEK, 'week'],
        [DAY, 'day'],
        [HOUR, 'hour'],
        [MINUTE, 'minute'],
        [SECOND, 'second'],
      ];
      for (const [ms, name] of units) if (bins.width % ms === 0) return plural(bins.width / ms, name);
      return `${bins.width} ms`;
    }
  }
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/**
 * Nice bins for a column whose values run from `min` to `max` (both included; epoch ms for times).
 * `dateOnly` (a DATE column) keeps time steps at a day or more.
 */
export function niceBins(
  scale: RangeScale,
  min: RangeBound,
  max: RangeBound,
  options: { maxBins?: number; dateOnly?: boolean } = {},
): Bins {
  const maxBins = options.maxBins ?? MAX_BINS;
  if (scale === 'integer') return integerBins(BigInt(min), BigInt(max), maxBins);
  const lo = Number(min);
  const hi = Number(max);
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi < lo)
    throw new Error(`Invalid histogram extent: ${String(min)} to ${String(max)}`);
  if (scale === 'time') return timeBins(lo, hi, maxBins, options.dateOnly === true);
  return numberBins(lo, hi, maxBins);
}

/** The smallest 1, 2 or 5 × 10^k that is at least `rough` (> 0), as [mantissa, exponent]. */
export function niceStep(rough: number): [number, number] {
  let exp = Math.floor(Math.log10(rough));
  // log10 can land one off near powers of ten; the loop below settles it.
  for (;;) {
    for (const m of [1, 2, 5]) if (m * 10 ** exp >= rough * (1 - 1e-9)) return [m, exp];
    exp += 1;
  }
}

function numberBins(min: number, max: number, maxBins: number): Bins {
  const span = max - min;
  // One value: one bin of a width in scale with it.
  const rough = span > 0 ? span / maxBins : Math.abs(min) > 0 ? Math.abs(min) / 10 : 1;
  const [m, exp] = niceStep(rough);
  const divisor = exp < 0 ? 10 ** -exp : 1;
  const widthUnits = exp < 0 ? m : m * 10 ** exp;
  const edge = (units: number) => units / divisor;
  let loUnits = Math.floor((min * divisor) / widthUnits) * widthUnits;
  // min * divisor may round: settle on the edge at or below min, exactly as binEdge computes it.
  while (edge(loUnits) > min) loUnits -= widthUnits;
  while (edge(loUnits + widthUnits) <= min) loUnits += widthUnits;
  const bins = { scale: 'number' as const, loUnits, widthUnits, divisor, count: 1 };
  bins.count = countTo(max, Math.floor((max - edge(loUnits)) / (widthUnits / divisor)) + 1, (i) =>
    Number(binEdge(bins, i)),
  );
  return bins;
}

function integerBins(min: bigint, max: bigint, maxBins: number): Bins {
  const span = Number(max - min);
  const [m, exp] = span > 0 ? niceStep(span / maxBins) : [1, 0];
  const width = exp < 0 ? 1n : BigInt(m) * 10n ** BigInt(exp);
  const lo = floorDiv(min, width) * width;
  return { scale: 'integer', lo, width, count: Number((max - lo) / width) + 1 };
}

function timeBins(min: number, max: number, maxBins: number, dateOnly: boolean): Bins {
  const rough = Math.max((max - min) / maxBins, dateOnly ? DAY : 1);
  const fixed = TIME_STEPS.find((s) => s >= rough && (!dateOnly || s >= DAY));
  if (rough < SECOND) {
    // Below a second: nice whole milliseconds.
    const [m, exp] = niceStep(rough);
    const width = Math.max(1, m * 10 ** Math.max(0, exp));
    const lo = Math.floor(min / width) * width;
    return { scale: 'time', unit: 'ms', lo, width, count: Math.floor((max - lo) / width) + 1 };
  }
  if (fixed !== undefined) {
    const origin = fixed === WEEK ? WEEK_ORIGIN : 0;
    const lo = Math.floor((min - origin) / fixed) * fixed + origin;
    return { scale: 'time', unit: 'ms', lo, width: fixed, count: Math.floor((max - lo) / fixed) + 1 };
  }
  let months = MONTH_STEPS.find((k) => k * MONTH_MS >= rough);
  if (months === undefined) {
    // Years: 1, 2 or 5 × 10^k of them.
    const [m, exp] = niceStep(rough / (12 * MONTH_MS));
    months = 12 * Math.max(1, m * 10 ** Math.max(0, exp));
  }
  const lo = Math.floor(monthIndex(min) / months) * months;
  return {
    scale: 'time',
    unit: 'month',
    lo,
    width: months,
    count: Math.floor((monthIndex(max) - lo) / months) + 1,
  };
}

/** Bins until the last upper edge is above `max` (the estimate may be one off either way). */
function countTo(max: number, estimate: number, edge: (i: number) => number): number {
  let count = Math.max(1, estimate);
  while (edge(count) <= max) count += 1;
  while (count > 1 && edge(count - 1) > max) count -= 1;
  return count;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** year × 12 + month − 1 of an epoch-ms instant, in UTC: the SQL in histogram-query.ts matches it. */
export function monthIndex(ms: number): number {
  const d = new Date(ms);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

function monthStart(index: number): number {
  return Date.UTC(Math.floor(index / 12), ((index % 12) + 12) % 12, 1);
}

/** Which bin a value falls in (for drawing a brush over bins); may be outside 0 .. count - 1. */
export function binOf(bins: Bins, value: RangeBound): number {
  // For integers, x >= edge holds for the integers at or above floor(value).
  const v =
    bins.scale === 'integer'
      ? typeof value === 'bigint'
        ? value
        : BigInt(Math.floor(Number(value)))
      : Number(value);
  // Edges grow with i: a binary search over them, with the comparison the filters make.
  const below = (i: number) => binEdge(bins, i) <= v;
  if (!below(0)) return -1;
  let lo = 0;
  let hi = bins.count;
  while (below(hi)) hi *= 2;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (below(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}
