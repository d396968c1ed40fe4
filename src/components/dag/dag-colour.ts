/**
 * Node colours. Every node gets a bin index into a small palette (≤ 12 entries), which keeps
 * the zoomed-out rendering to one SVG path per colour and makes the legend exact.
 */
import type { PlanNode } from '../../core/plan/types';
import type { DagColourOption } from './dag-types';

// Light fills so that dark node text stays readable on every colour.
const CATEGORICAL = [
  '#b9d3f6',
  '#fdd3a8',
  '#bfe5bf',
  '#f7c1c1',
  '#d9c8ee',
  '#e8d3c4',
  '#f6cde6',
  '#d6d6d6',
  '#e6eda4',
  '#b5e6ea',
  '#fbe6a2',
];
const OTHER = '#eceef2';
const MISSING = '#ffffff';
// Sequential ramp (light -> dark blue); the last two bins take light text.
const SEQUENTIAL = ['#eef3fd', '#d6e2fb', '#b8cdf7', '#93b1f0', '#6d91e6', '#4a70d8', '#2c4fb8'];

export interface LegendEntry {
  readonly colour: string;
  readonly label: string;
  readonly count: number;
}

export interface NodeColours {
  /** Bin per node (index into palette). */
  readonly bin: Uint8Array;
  readonly palette: readonly string[];
  /** Text colour per palette entry. */
  readonly ink: readonly string[];
  readonly legend: readonly LegendEntry[];
}

export function computeNodeColours(
  nodes: readonly PlanNode[],
  option: DagColourOption | undefined,
): NodeColours {
  const n = nodes.length;
  const bin = new Uint8Array(n);
  if (!option) {
    return { bin, palette: [CATEGORICAL[0]!], ink: ['#1d2330'], legend: [] };
  }
  if (option.type === 'categorical') {
    const counts = new Map<string, number>();
    const values: (string | null)[] = new Array<string | null>(n);
    for (let i = 0; i < n; i++) {
      const v = option.value(nodes[i]!);
      const s = v === null ? null : String(v);
      values[i] = s;
      if (s !== null) counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    // Most frequent categories get their own colour; the rest share "other".
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const own = ranked.slice(
      0,
      ranked.length > CATEGORICAL.length ? CATEGORICAL.length - 1 : CATEGORICAL.length,
    );
    const slot = new Map(own.map(([k], i) => [k, i]));
    const palette = own.map((_, i) => CATEGORICAL[i]!);
    const otherIndex = palette.length;
    palette.push(OTHER);
    const missingIndex = palette.length;
    palette.push(MISSING);
    let otherCount = 0;
    let missingCount = 0;
    for (let i = 0; i < n; i++) {
      const s = values[i]!;
      if (s === null) {
        bin[i] = missingIndex;
        missingCount++;
      } else {
        const k = slot.get(s);
        if (k === undefined) {
          bin[i] = otherIndex;
          otherCount++;
        } else bin[i] = k;
      }
    }
    const legend: LegendEntry[] = own.map(([k, c], i) => ({ colour: CATEGORICAL[i]!, label: k, count: c }));
    if (otherCount > 0)
      legend.push({ colour: OTHER, label: `other (${ranked.length - own.length} kinds)`, count: otherCount });
    if (missingCount > 0) legend.push({ colour: MISSING, label: 'no value', count: missingCount });
    return { bin, palette, ink: palette.map(() => '#1d2330'), legend };
  }

  const log = option.scale === 'log';
  const raw = new Float64Array(n);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = option.value(nodes[i]!);
    const num = typeof v === 'number' && Number.isFinite(v) && (!log || v > 0) ? v : NaN;
    raw[i] = num;
    if (!Number.isNaN(num)) {
      const t = log ? Math.log10(num) : num;
      if (t < lo) lo = t;
      if (t > hi) hi = t;
    }
  }
  const palette = [...SEQUENTIAL, MISSING];
  const ink = palette.map((_, i) =>
    i >= SEQUENTIAL.length - 2 && i < SEQUENTIAL.length ? '#ffffff' : '#1d2330',
  );
  const bins = SEQUENTIAL.length;
  const span = hi - lo;
  const counts = new Array<number>(bins + 1).fill(0);
  for (let i = 0; i < n; i++) {
    const v = raw[i]!;
    let b: number;
    if (Number.isNaN(v)) b = bins;
    else if (!(span > 0)) b = 0;
    else b = Math.min(bins - 1, Math.floor((((log ? Math.log10(v) : v) - lo) / span) * bins));
    bin[i] = b;
    counts[b]!++;
  }
  const fmt = option.format ?? ((v: number) => formatNumber(v));
  const legend: LegendEntry[] = [];
  if (Number.isFinite(lo)) {
    const usable = span > 0 ? bins : 1;
    for (let b = 0; b < usable; b++) {
      const a = lo + (span * b) / bins;
      const z = lo + (span * (b + 1)) / bins;
      const from = log ? 10 ** a : a;
      const to = log ? 10 ** z : z;
      legend.push({
        colour: SEQUENTIAL[b]!,
        label: span > 0 ? `${fmt(from)} – ${fmt(to)}` : fmt(from),
        count: counts[b]!,
      });
    }
  }
  if (counts[bins]! > 0) legend.push({ colour: MISSING, label: 'no value', count: counts[bins]! });
  return { bin, palette, ink, legend };
}

function formatNumber(v: number): string {
  if (Math.abs(v) >= 1000 || (Math.abs(v) < 0.01 && v !== 0)) return v.toPrecision(3);
  return String(Math.round(v * 100) / 100);
}
