/**
 * The text beside and below a DuckDB plan: the selected operator's every field, the plan summary
 * (the numbers "Export plan summary (JSON)" writes, as labelled text), and the query-level totals.
 */
import type { DuckDbPlanFacts } from '../../core/plan/duckdb-plan-summary';
import { misestimateOf } from '../../core/plan/duckdb-plan-summary';
import type { DuckDbQueryTotals } from '../../core/plan/duckdb-profile';
import type { PlanGraph } from '../../core/plan/types';
import { formatBytesExact, formatCount, formatCountOf } from '../../core/format/quantities';
import { formatSeconds, num, percent } from './format';
import { KeyValueTable } from './key-value-table';

export function OperatorDetails({
  graph,
  id,
  totalS,
  onSelect,
}: {
  graph: PlanGraph;
  id: string | null;
  totalS: number;
  onSelect: (id: string) => void;
}) {
  const node = id === null ? undefined : graph.nodes[Number(id)];
  if (!node || node.id !== id) {
    return (
      <section className="plans-details" aria-label="Operator details">
        <h3>Operator details</h3>
        <p className="muted">Click an operator in the graph (or search for one) to see every field.</p>
      </section>
    );
  }
  const parent = graph.edges.find((e) => e.from === node.id)?.to ?? null;
  const inputs = graph.edges.filter((e) => e.to === node.id).map((e) => e.from);
  const timing = num(node.metrics.timing_s);
  const m = misestimateOf(node);
  const fields = Object.entries(node.metrics).filter(([, v]) => v !== null);
  return (
    <section className="plans-details" aria-label="Operator details">
      <h3>
        {node.kind} #{node.id}
      </h3>
      <dl className="plans-dl">
        <dt>Operator type</dt>
        <dd>{node.kind}</dd>
        <dt>Operator name</dt>
        <dd>{node.label}</dd>
        {timing !== null && (
          <>
            <dt>Share of total time</dt>
            <dd>{totalS > 0 ? percent(timing / totalS) : 'n/a'}</dd>
          </>
        )}
        {m && (
          <>
            <dt>Actual / estimated rows</dt>
            <dd>
              {m.ratio >= 1 ? `${m.ratio.toFixed(1)}×` : `1/${(1 / m.ratio).toFixed(1)}`}
              {m.flagged ? ' (misestimate: beyond 10×)' : ''}
            </dd>
          </>
        )}
        {fields.map(([key, value]) => (
          <FieldRow key={key} name={key} value={value} unit={graph.metricUnits[key]} />
        ))}
        <dt>Inputs</dt>
        <dd>
          {inputs.length === 0 ? (
            <span className="muted">none</span>
          ) : (
            inputs.map((i) => (
              <button
                key={i}
                type="button"
                className="link-button mono"
                onClick={() => onSelect(i)}
                aria-label={`Select operator ${i}`}
              >
                #{i}{' '}
              </button>
            ))
          )}
        </dd>
        <dt>Feeds</dt>
        <dd>{parent === null ? 'the result' : `#${parent}`}</dd>
      </dl>
    </section>
  );
}

const FIELD_NAMES: Readonly<Record<string, string>> = {
  timing_s: 'operator_timing',
  cardinality: 'operator_cardinality',
  rows_scanned: 'operator_rows_scanned',
  result_set_size: 'result_set_size',
  estimated_cardinality: 'Estimated Cardinality',
  bytes_read: 'total_bytes_read',
  bytes_written: 'total_bytes_written',
};

function FieldRow({ name, value, unit }: { name: string; value: unknown; unit: string | undefined }) {
  const label = name.startsWith('extra:') ? name.slice(6) : (FIELD_NAMES[name] ?? name);
  const text =
    typeof value === 'number'
      ? unit === 's'
        ? formatSeconds(value)
        : unit === 'B'
          ? formatBytesExact(value)
          : formatCount(value)
      : String(value);
  return (
    <>
      <dt>{label}</dt>
      {/* Untrusted text from the file: rendered as text, never as HTML. */}
      <dd className={name.startsWith('extra:') ? 'mono plans-extra' : undefined}>{text}</dd>
    </>
  );
}

export function PlanSummaryTable({
  facts,
  onSelect,
}: {
  facts: DuckDbPlanFacts;
  onSelect: (id: string) => void;
}) {
  const s = facts.summary;
  const link = (id: string | null, text: string) =>
    id === null ? (
      text
    ) : (
      <button type="button" className="link-button" onClick={() => onSelect(id)}>
        {text}
      </button>
    );
  return (
    <table className="plans-summary" aria-label="Plan summary">
      <tbody>
        <tr>
          <th scope="row">Operators</th>
          <td>{formatCount(s.operators)}</td>
        </tr>
        <tr>
          <th scope="row">Total operator time</th>
          <td>{formatSeconds(s.total_operator_seconds)}</td>
        </tr>
        <tr>
          <th scope="row">Hottest operator</th>
          <td>
            {s.hottest_operator === null
              ? 'not measured'
              : link(facts.hottestId, `${s.hottest_operator} #${facts.hottestId}`)}
          </td>
        </tr>
        <tr>
          <th scope="row">Largest cardinality</th>
          <td>
            {s.max_cardinality === null
              ? 'not measured'
              : link(facts.maxCardinalityId, formatCountOf(s.max_cardinality, 'row'))}
          </td>
        </tr>
        <tr>
          <th scope="row">Worst misestimate</th>
          <td>
            {s.worst_misestimate === null
              ? 'none'
              : link(
                  facts.worstMisestimateId,
                  `${s.worst_misestimate.operator_type}: estimated ${formatCount(s.worst_misestimate.estimated)}, actual ${formatCount(s.worst_misestimate.actual)}`,
                )}
          </td>
        </tr>
        <tr>
          <th scope="row">Misestimates beyond 10×</th>
          <td>{formatCount(facts.flaggedMisestimates)}</td>
        </tr>
        <tr>
          <th scope="row">Query latency</th>
          <td>
            {s.query_latency_seconds === null ? 'not reported' : formatSeconds(s.query_latency_seconds)}
          </td>
        </tr>
      </tbody>
    </table>
  );
}

export function QueryTotalsTable({ totals }: { totals: DuckDbQueryTotals }) {
  const rows: [string, string | null][] = [
    ['Latency', totals.latencyS === null ? null : formatSeconds(totals.latencyS)],
    ['CPU time', totals.cpuTimeS === null ? null : formatSeconds(totals.cpuTimeS)],
    ['Rows returned', totals.rowsReturned === null ? null : formatCount(totals.rowsReturned)],
    [
      'Peak buffer memory',
      totals.peakBufferMemoryBytes === null ? null : formatBytesExact(totals.peakBufferMemoryBytes),
    ],
    ['Bytes read', totals.bytesRead === null ? null : formatBytesExact(totals.bytesRead)],
    ['Bytes written', totals.bytesWritten === null ? null : formatBytesExact(totals.bytesWritten)],
  ];
  const present = rows.filter((r): r is [string, string] => r[1] !== null);
  if (present.length === 0) {
    return (
      <p className="muted">
        No query-level totals in this plan (DuckDB reports them as 0 in EXPLAIN ANALYZE output): the totals
        above are summed over the operators.
      </p>
    );
  }
  return <KeyValueTable label="Query totals" rows={present} />;
}
