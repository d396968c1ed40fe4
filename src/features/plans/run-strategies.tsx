/**
 * The allocation strategies over a run of queries (src/core/plan/memory/query-run.ts), whatever the
 * run is made of: the schedules of the history (RunPanel) or every query of a trace table
 * (TraceRunPanel). A table of peak and steady-state reserved bytes, allocator calls per query and
 * bytes held idle; a chart over the query sequence of the chosen figure, with the same numbers as a
 * per-query table; each strategy's warnings. Labels are rendered as text.
 */
import { useId, useState } from 'react';
import type { StrategyResult, QueryStep } from '../../core/plan/memory/query-run';
import { formatBytesBinary, formatBytesExact, formatCount } from '../../core/format/quantities';
import { useThemeColours } from '../../components/theme/theme';
import { BytesChart, type BytesSeries } from './bytes-chart';
import { bucketMax } from './downsample';
import { percent } from './format';
import './run-strategies.css';

type Metric = 'reservedBytes' | 'allocatorCalls' | 'idleBytes';

const MAX_CHART_POINTS = 240;
const MAX_TABLE_ROWS = 1000;

const METRICS: readonly {
  key: Metric;
  label: string;
  caption: string;
  tick: (v: number) => string;
  value: (v: number) => string;
}[] = [
  {
    key: 'reservedBytes',
    label: 'Reserved bytes',
    caption: 'Reserved bytes while each query runs, by strategy',
    tick: formatBytesBinary,
    value: formatBytesExact,
  },
  {
    key: 'allocatorCalls',
    label: 'Allocator calls',
    caption: 'Allocator calls during each query, by strategy',
    tick: formatCount,
    value: formatCount,
  },
  {
    key: 'idleBytes',
    label: 'Bytes held idle',
    caption: 'Bytes still held once each query is over, by strategy',
    tick: formatBytesBinary,
    value: formatBytesExact,
  },
];

export function RunStrategies({
  results,
  queryLabels,
  label,
}: {
  results: readonly StrategyResult[];
  /** One per query, in run order. */
  queryLabels: readonly string[];
  /** Accessible name of the summary table; the per-query table and chart are named after it. */
  label: string;
}) {
  const theme = useThemeColours();
  const colours = [theme.chart2, theme.chart1, theme.chart4, theme.chart3, theme.chart5];
  const [metricKey, setMetricKey] = useState<Metric>('reservedBytes');
  const metric = METRICS.find((m) => m.key === metricKey)!;
  const metricId = useId();
  const at = (r: StrategyResult, q: number): QueryStep => r.steps[q]!;
  // recharts draws a node per point: a long trace is cut to buckets that keep their largest value.
  const n = queryLabels.length;
  const bucketed = results.map((r) =>
    bucketMax(
      r.steps.map((s) => s[metric.key]),
      MAX_CHART_POINTS,
    ),
  );
  const data = (bucketed[0] ?? []).map((b, k) => {
    const point: Record<string, number> = { allocation: b.index + 1 };
    results.forEach((r, j) => (point[r.key] = bucketed[j]![k]!.value));
    return point;
  });
  const shownRows = Math.min(n, MAX_TABLE_ROWS);
  const series: BytesSeries[] = results.map((r, k) => ({
    dataKey: r.key,
    name: r.label,
    stroke: colours[k % colours.length]!,
    type: 'stepAfter',
    // Lazy creation equals Box when every executor ran: dashed, so the line under it still shows.
    dashed: r.key === 'lazy',
  }));
  return (
    <>
      <table className="plans-summary" aria-label={label}>
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
              <td>{r.allocatorCallsPerQuery.toFixed(r.allocatorCallsPerQuery < 1 ? 2 : 1)}</td>
              <td>{formatBytesExact(r.maxIdleBytes)}</td>
              <td>{r.hitRate === undefined ? '' : percent(r.hitRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="plans-run-metric">
        <label htmlFor={metricId}>Figure per query</label>{' '}
        <select id={metricId} value={metricKey} onChange={(e) => setMetricKey(e.target.value as Metric)}>
          {METRICS.map((m) => (
            <option key={m.key} value={m.key}>
              {m.label}
            </option>
          ))}
        </select>
      </p>
      <BytesChart
        label={`${label}: ${metric.label.toLowerCase()} per query`}
        caption={
          n > MAX_CHART_POINTS
            ? `${metric.caption} (each point the largest of about ${formatCount(Math.ceil(n / MAX_CHART_POINTS))} queries)`
            : metric.caption
        }
        xName="query"
        data={data}
        series={series}
        tickFormat={metric.tick}
        valueFormat={metric.value}
      />
      <details className="plans-run-queries">
        <summary>
          {metric.label} per query, as a table ({formatCount(n)} queries
          {shownRows < n ? `, the first ${formatCount(shownRows)} shown` : ''})
        </summary>
        <div className="plans-run-scroll">
          <table className="plans-summary" aria-label={`${label}, per query`}>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Query</th>
                {results.map((r) => (
                  <th scope="col" key={r.key}>
                    {r.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {queryLabels.slice(0, shownRows).map((q, k) => (
                <tr key={k}>
                  <td>{k + 1}</td>
                  <th scope="row">{q}</th>
                  {results.map((r) => (
                    <td key={r.key}>{metric.value(at(r, k)[metric.key])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <ul className="plans-memory-warnings">
        {results.flatMap((r) =>
          r.warnings.map((w) => (
            <li key={`${r.key}-${w}`} className="plans-memory-warning">
              <strong>{r.label}:</strong> {w}
            </li>
          )),
        )}
      </ul>
    </>
  );
}
