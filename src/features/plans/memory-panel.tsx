import { useId, useMemo } from 'react';
import { wasteRatio } from '../../core/plan/memory/memory-summary';
import type { MemorySummary } from '../../core/plan/memory/memory-types';
import { ArenaMap } from './arena-map';
import { KeyValueTable } from './key-value-table';
import { BytesChart } from './bytes-chart';
import { downsampleIndexes } from './downsample';
import { formatBytesExact, formatCount } from '../../core/format/quantities';
import { percent } from './format';
import { useThemeColours } from '../../components/theme/theme';
import type { OrderChoice, PlanBase, PlanMemory, WhatIf } from './use-plan-analysis';

interface Props {
  readonly base: PlanBase;
  readonly memory: PlanMemory;
  readonly whatIf: WhatIf;
  readonly onWhatIf: (next: WhatIf) => void;
  readonly onExport: (summary: MemorySummary) => void;
  readonly onShowExecutors: (ids: readonly string[]) => void;
  /** False until the view mounts that part (one panel part per frame). */
  readonly boxChart?: boolean;
  readonly arenaChart?: boolean;
  readonly arenaMap?: boolean;
}

const MAX_CHART_POINTS = 240;
const BOX_LABEL = { glibc: 'Box (glibc malloc)', jemalloc: 'Box (jemalloc)' } as const;

/** Box versus bumpalo arena over the allocation sequence, with what-if controls and the summary. */
export function MemoryPanel({
  base,
  memory,
  whatIf,
  onWhatIf,
  onExport,
  onShowExecutors,
  boxChart = true,
  arenaChart = true,
  arenaMap = true,
}: Props) {
  const { simulation, summary } = memory;
  const { box, arena } = simulation;
  const n = simulation.order.length;
  const capacityId = useId();
  const orderId = useId();
  const allocId = useId();
  const theme = useThemeColours();

  // Box series have one value per allocation; arena series start with the state before any.
  const boxData = useMemo(
    () =>
      downsampleIndexes(box.reservedSeries.length, MAX_CHART_POINTS).map((i) => ({
        allocation: i + 1,
        reserved: box.reservedSeries[i]!,
        used: box.usedSeries[i]!,
      })),
    [box],
  );
  const arenaData = useMemo(() => {
    const offset = arena.reservedSeries.length - n; // 1 when the series include "before the first allocation"
    return downsampleIndexes(arena.reservedSeries.length, MAX_CHART_POINTS).map((i) => ({
      allocation: i + 1 - offset,
      reserved: arena.reservedSeries[i]!,
      withMetadata: arena.reservedIncludingMetadataSeries[i]!,
      used: arena.usedSeries[i]!,
    }));
  }, [arena, n]);

  const boxLabel = BOX_LABEL[whatIf.allocator];
  const kindOf = (id: string) => base.executorById.get(id)?.kind ?? '?';

  return (
    <section className="plans-panel plans-memory" aria-labelledby="plans-memory-h">
      <h2 id="plans-memory-h">Memory: Box versus arena</h2>
      <fieldset className="plans-whatif">
        <legend>What if</legend>
        <div role="radiogroup" aria-label="Initial capacity" className="plans-whatif-group">
          <span className="plans-whatif-title">Initial capacity</span>
          <label>
            <input
              type="radio"
              name={`${capacityId}-cap`}
              checked={whatIf.initialCapacity === null}
              onChange={() => onWhatIf({ ...whatIf, initialCapacity: null })}
            />{' '}
            Bump::new()
          </label>
          <label>
            <input
              type="radio"
              name={`${capacityId}-cap`}
              checked={whatIf.initialCapacity !== null}
              onChange={() => onWhatIf({ ...whatIf, initialCapacity: whatIf.initialCapacity ?? 4096 })}
            />{' '}
            Bump::with_capacity(n)
          </label>
          <label htmlFor={capacityId}>n (bytes)</label>
          <input
            id={capacityId}
            type="number"
            min={0}
            step={1}
            disabled={whatIf.initialCapacity === null}
            value={whatIf.initialCapacity ?? 4096}
            onChange={(e) => {
              const v = Math.floor(Number(e.target.value));
              if (Number.isFinite(v) && v >= 0) onWhatIf({ ...whatIf, initialCapacity: v });
            }}
          />
        </div>
        <div className="plans-whatif-group">
          <label htmlFor={orderId}>Allocation order</label>
          <select
            id={orderId}
            value={whatIf.order}
            onChange={(e) => onWhatIf({ ...whatIf, order: e.target.value as OrderChoice })}
          >
            <option value="topological">Topological (dependencies first)</option>
            <option value="input">Trace / input order</option>
            <option value="size">By size (largest first)</option>
          </select>
          <label htmlFor={allocId}>Allocator model</label>
          <select
            id={allocId}
            value={whatIf.allocator}
            onChange={(e) => onWhatIf({ ...whatIf, allocator: e.target.value as WhatIf['allocator'] })}
          >
            <option value="glibc">glibc malloc</option>
            <option value="jemalloc">jemalloc</option>
          </select>
          <label htmlFor={`${allocId}-bumpalo`}>bumpalo version</label>
          <select
            id={`${allocId}-bumpalo`}
            value={whatIf.bumpalo}
            onChange={(e) => onWhatIf({ ...whatIf, bumpalo: e.target.value as WhatIf['bumpalo'] })}
          >
            <option value="3.18">≥ 3.18 (size rounded up to alignment)</option>
            <option value="3.16">3.16–3.17 (raw size, then aligned)</option>
          </select>
        </div>
      </fieldset>

      <div className="plans-charts">
        {boxChart ? (
          <BytesChart
            label={boxLabel}
            data={boxData}
            series={[
              { dataKey: 'reserved', name: 'reserved', stroke: theme.chart2 },
              { dataKey: 'used', name: 'used', stroke: theme.chart1 },
            ]}
          />
        ) : (
          <div className="plans-chart plans-chart-pending" aria-hidden="true" />
        )}
        {arenaChart ? (
          <BytesChart
            label="Arena (bumpalo)"
            data={arenaData}
            series={[
              {
                dataKey: 'reserved',
                name: 'reserved (allocated_bytes)',
                stroke: theme.chart2,
                type: 'stepAfter',
              },
              {
                dataKey: 'withMetadata',
                name: 'incl. footers',
                stroke: theme.chart3,
                type: 'stepAfter',
                dashed: true,
              },
              { dataKey: 'used', name: 'used', stroke: theme.chart1 },
            ]}
          />
        ) : (
          <div className="plans-chart plans-chart-pending" aria-hidden="true" />
        )}
      </div>

      <p className="plans-calls">
        <strong>Allocation calls:</strong> {boxLabel}: {formatCount(box.allocations)} malloc call
        {box.allocations === 1 ? '' : 's'} (one per executor
        {box.mmappedCount > 0 ? `, ${formatCount(box.mmappedCount)} served by mmap` : ''}) · Arena:{' '}
        {formatCount(arena.mallocCalls)} malloc call{arena.mallocCalls === 1 ? '' : 's'} (one per chunk,{' '}
        {formatBytesExact(arena.mallocBytes)} from {whatIf.allocator === 'glibc' ? 'glibc' : 'jemalloc'})
      </p>

      <table className="plans-totals" aria-label="Memory totals">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">{boxLabel}</th>
            <th scope="col">Arena (bumpalo)</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Peak reserved</th>
            <td>{formatBytesExact(box.reservedBytes)}</td>
            <td>{formatBytesExact(arena.reservedBytes)}</td>
          </tr>
          <tr>
            <th scope="row">Used</th>
            <td>{formatBytesExact(box.usedBytes)}</td>
            <td>{formatBytesExact(arena.usedBytes)}</td>
          </tr>
          <tr>
            <th scope="row">Waste</th>
            <td>{percent(wasteRatio(box.reservedBytes, box.usedBytes))}</td>
            <td>{percent(wasteRatio(arena.reservedBytes, arena.usedBytes))}</td>
          </tr>
          <tr>
            <th scope="row">Metadata bytes</th>
            <td>{formatBytesExact(box.metadataBytes)} (allocator headers)</td>
            <td>{formatBytesExact(arena.metadataBytes)} (48-byte chunk footers)</td>
          </tr>
          <tr>
            <th scope="row">After reset()</th>
            <td>0 B (each Box is freed when dropped)</td>
            <td>{formatBytesExact(arena.afterResetBytes)} (the current chunk is kept)</td>
          </tr>
        </tbody>
      </table>

      <SummaryTable summary={summary} criticalPathUnit={base.criticalPath.unit} />
      <button type="button" className="button" onClick={() => onExport(summary)}>
        Export summary (JSON)
      </button>

      {arenaMap ? (
        <ArenaMap arena={arena} order={simulation.order} sizes={simulation.sizes} kindOf={kindOf} />
      ) : (
        <p className="muted">Drawing the arena memory map…</p>
      )}

      <section aria-labelledby="plans-memory-warnings-h">
        <h3 id="plans-memory-warnings-h">Warnings before moving to an arena</h3>
        {simulation.warnings.length === 0 ? (
          <p className="muted">
            None: no executor holds heap data, none is removed early, and no two run at once.
          </p>
        ) : (
          <ul className="plans-memory-warnings" aria-label="Memory warnings">
            {simulation.warnings.map((w) => (
              <li key={w.code} className={`plans-memory-warning plans-memory-warning-${w.code}`}>
                <span>{w.message}</span>{' '}
                {w.executorIds.length > 0 && (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => onShowExecutors(w.executorIds)}
                  >
                    show in graph
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}

/** The exported JSON's numbers, as labelled text (the e2e test compares the two). */
function SummaryTable({
  summary,
  criticalPathUnit,
}: {
  summary: MemorySummary;
  criticalPathUnit: 'us' | 'executors';
}) {
  // The exported number exactly, with its unit (the wave player says the same length in ms or s).
  const length = formatCount(summary.critical_path_length);
  const rows: [string, string][] = [
    ['Executors', formatCount(summary.executors)],
    ['Waves', formatCount(summary.waves)],
    ['Critical path length', criticalPathUnit === 'us' ? `${length} µs` : `${length} executors`],
    ['Box reserved bytes', formatBytesExact(summary.box.reserved_bytes)],
    ['Box used bytes', formatBytesExact(summary.box.used_bytes)],
    ['Box allocations', formatCount(summary.box.allocations)],
    ['Arena bumpalo version', summary.arena.bumpalo],
    [
      'Arena chunks (usable bytes, in order)',
      summary.arena.chunks.map((c) => formatCount(c)).join(', ') || 'none',
    ],
    ['Arena reserved bytes', formatBytesExact(summary.arena.reserved_bytes)],
    [
      'Arena reserved bytes including metadata',
      formatBytesExact(summary.arena.reserved_bytes_including_metadata),
    ],
    ['Arena used bytes', formatBytesExact(summary.arena.used_bytes)],
    ['Arena padding bytes', formatBytesExact(summary.arena.padding_bytes)],
    ['Arena abandoned tail bytes', formatBytesExact(summary.arena.abandoned_tail_bytes)],
    ['Arena bytes after reset()', formatBytesExact(summary.arena.after_reset_bytes)],
  ];
  return <KeyValueTable label="Memory summary" rows={rows} />;
}
