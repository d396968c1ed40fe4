/**
 * Allocation strategies over a run of queries: the schedules of this tab's history, in the order
 * they were opened, played through each strategy of src/core/plan/memory/query-run.ts. A table of
 * peak and steady reserved bytes, allocator calls per query and bytes held idle, a chart of
 * reserved bytes over the query sequence, and each strategy's warnings.
 */
import { useMemo } from 'react';
import { runQueryFromSchedule, simulateRun } from '../../core/plan/memory/query-run';
import { BytesChart, type BytesSeries } from './bytes-chart';
import { formatBytesExact, formatCount } from '../../core/format/quantities';
import { percent } from './format';
import type { PlanEntry } from './plan-entry';
import { useThemeColours } from '../../components/theme/theme';

export function RunPanel({ entries }: { entries: readonly PlanEntry[] }) {
  const theme = useThemeColours();
  const colours = [theme.chart2, theme.chart1, theme.chart4, theme.chart3, theme.chart5];
  const schedules = useMemo(
    () =>
      entries.flatMap((e) =>
        e.plan.kind === 'schedule' && e.plan.parsed.schedule.executors.length > 0
          ? [runQueryFromSchedule(`#${e.id} ${e.label}`, e.plan.parsed.schedule)]
          : [],
      ),
    [entries],
  );
  const results = useMemo(() => (schedules.length >= 2 ? simulateRun(schedules) : null), [schedules]);
  if (!results) return null;
  const data = schedules.map((_, q) => {
    const point: Record<string, number> = { allocation: q + 1 };
    for (const r of results) point[r.key] = r.steps[q]!.reservedBytes;
    return point;
  });
  const series: BytesSeries[] = results.map((r, k) => ({
    dataKey: r.key,
    name: r.label,
    stroke: colours[k % colours.length]!,
    type: 'stepAfter',
  }));
  return (
    <details className="plans-panel plans-run">
      <summary>
        Allocation strategies over a run of {formatCount(schedules.length)} queries (the schedules in the
        history, in order)
      </summary>
      <table className="plans-summary" aria-label="Allocation strategies over the run">
        <thead>
          <tr>
            <th scope="col">Strategy</th>
            <th scope="col">Peak reserved</th>
            <th scope="col">Steady-state reserved (last query)</th>
            <th scope="col">Allocator calls per query</th>
            <th scope="col">Held idle between queries (max)</th>
            <th scope="col">Pool hit rate</th>
          </tr>
        </thead>
        <tbody>
          {results.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td>{formatBytesExact(r.peakReservedBytes)}</td>
              <td>{formatBytesExact(r.steadyReservedBytes)}</td>
              <td>{r.allocatorCallsPerQuery.toFixed(1)}</td>
              <td>{formatBytesExact(r.maxIdleBytes)}</td>
              <td>{r.hitRate === undefined ? '' : percent(r.hitRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <BytesChart
        label="Reserved bytes per query"
        caption="Reserved bytes while each query runs, by strategy"
        xName="query"
        data={data}
        series={series}
      />
      <ul className="plans-memory-warnings">
        {results.flatMap((r) =>
          r.warnings.map((w) => (
            <li key={`${r.key}-${w}`} className="plans-memory-warning">
              <strong>{r.label}:</strong> {w}
            </li>
          )),
        )}
      </ul>
    </details>
  );
}
