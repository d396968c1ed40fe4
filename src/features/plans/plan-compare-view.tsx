/**
 * Two plans compared: DuckDB plans as one merged operator tree with time and row deltas (matching
 * in src/core/plan/compare-plans.ts), executor schedules by waves, critical path and Box and arena
 * memory totals (src/core/plan/compare-schedules.ts). The verdict comes first.
 */
import { useMemo } from 'react';
import { comparePlanGraphs, formatRatio, type OperatorDelta } from '../../core/plan/compare-plans';
import { compareScheduleSummaries, scheduleSummary } from '../../core/plan/compare-schedules';
import type { PlanGraph } from '../../core/plan/types';
import { formatCount } from '../../core/format/quantities';
import { formatSeconds } from './format';
import type { PlanEntry } from './plan-entry';

interface Props {
  readonly a: PlanEntry;
  readonly b: PlanEntry;
  readonly onClose: () => void;
}

export function PlanCompareView({ a, b, onClose }: Props) {
  return (
    <section className="plans-compare" aria-label="Plan comparison">
      <header className="plans-title">
        <h2>
          Comparing #{a.id} {a.label} with #{b.id} {b.label}
        </h2>
        <button type="button" className="button" onClick={onClose}>
          Close comparison
        </button>
      </header>
      {a.plan.kind === 'duckdb' && b.plan.kind === 'duckdb' ? (
        <DuckDbComparison a={a.plan.plan.graph} b={b.plan.plan.graph} />
      ) : a.plan.kind === 'schedule' && b.plan.kind === 'schedule' ? (
        <ScheduleComparison a={a} b={b} />
      ) : (
        <p role="alert" className="plans-alert">
          {a.plan.kind === 'schedule-digest' || b.plan.kind === 'schedule-digest'
            ? 'A schedule too big to draw is kept as its summary only and cannot be compared here.'
            : 'A DuckDB plan and an executor schedule cannot be compared: pick two of the same kind.'}
        </p>
      )}
    </section>
  );
}

function signed(v: number, format: (x: number) => string): string {
  if (v === 0) return '0';
  return `${v > 0 ? '+' : '−'}${format(Math.abs(v))}`;
}

function timeDelta(r: OperatorDelta): string {
  if (r.timeA === null || r.timeB === null) return '';
  const ratio = r.timeA > 0 && r.timeB > 0 ? ` (${formatRatio(r.timeB / r.timeA)})` : '';
  return `${signed(r.timeB - r.timeA, formatSeconds)}${ratio}`;
}

function DuckDbComparison({ a, b }: { a: PlanGraph; b: PlanGraph }) {
  const c = useMemo(() => comparePlanGraphs(a, b), [a, b]);
  const time = (v: number | null) => (v === null ? '' : formatSeconds(v));
  const rows = (v: number | null) => (v === null ? '' : formatCount(v));
  return (
    <>
      <p className="plans-verdict" aria-label="Verdict">
        {c.verdict}
      </p>
      <p className="muted">
        {formatCount(c.matched)} operators matched, {formatCount(c.added)} added, {formatCount(c.removed)}{' '}
        removed · total operator time {formatSeconds(c.totalA)} → {formatSeconds(c.totalB)}
      </p>
      <div className="plans-compare-scroll">
        <table className="plans-summary plans-compare-table" aria-label="Operator comparison">
          <thead>
            <tr>
              <th scope="col">Operator</th>
              <th scope="col">Change</th>
              <th scope="col">Time, first</th>
              <th scope="col">Time, second</th>
              <th scope="col">Time Δ</th>
              <th scope="col">Rows, first</th>
              <th scope="col">Rows, second</th>
              <th scope="col">Rows Δ</th>
            </tr>
          </thead>
          <tbody>
            {c.rows.map((r, i) => (
              <tr key={i} className={`plans-delta-${r.status}`}>
                <th scope="row" style={{ paddingLeft: `${10 + Math.min(r.depth, 40) * 12}px` }}>
                  {r.kind} {r.bId !== null ? `#${r.bId}` : `(first #${r.aId})`}
                </th>
                <td>{r.status === 'matched' ? (r.moved ? 'moved' : '') : r.status}</td>
                <td>{time(r.timeA)}</td>
                <td>{time(r.timeB)}</td>
                <td>{timeDelta(r)}</td>
                <td>{rows(r.rowsA)}</td>
                <td>{rows(r.rowsB)}</td>
                <td>{r.rowsA !== null && r.rowsB !== null ? signed(r.rowsB - r.rowsA, formatCount) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function ScheduleComparison({ a, b }: { a: PlanEntry; b: PlanEntry }) {
  const c = useMemo(() => {
    if (a.plan.kind !== 'schedule' || b.plan.kind !== 'schedule') return null;
    return compareScheduleSummaries(
      scheduleSummary(a.plan.parsed.schedule),
      scheduleSummary(b.plan.parsed.schedule),
    );
  }, [a, b]);
  if (!c) return null;
  const fmt = (v: number, unit: string) => `${formatCount(v)}${unit ? ` ${unit}` : ''}`;
  return (
    <>
      <p className="plans-verdict" aria-label="Verdict">
        {c.verdict}
      </p>
      <table className="plans-summary" aria-label="Schedule comparison">
        <thead>
          <tr>
            <th scope="col">Figure</th>
            <th scope="col">First</th>
            <th scope="col">Second</th>
            <th scope="col">Δ</th>
          </tr>
        </thead>
        <tbody>
          {c.rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              <td>{fmt(r.a, r.unit)}</td>
              <td>{fmt(r.b, r.unit)}</td>
              <td>{signed(r.b - r.a, (v) => fmt(v, r.unit))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
