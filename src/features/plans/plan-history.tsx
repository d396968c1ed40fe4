/**
 * Every plan opened or profiled in this tab, newest first (name, time, query), kept until the tab
 * closes; any one can be shown again, and any two compared.
 */
import { useId, useState } from 'react';
import { entrySize, type PlanEntry } from './plan-entry';

interface Props {
  readonly entries: readonly PlanEntry[];
  readonly currentId: number | null;
  readonly onShow: (id: number) => void;
  readonly onCompare: (a: number, b: number) => void;
}

const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export function PlanHistory({ entries, currentId, onShow, onCompare }: Props) {
  const firstId = useId();
  const secondId = useId();
  const [first, setFirst] = useState<number | null>(null);
  const [second, setSecond] = useState<number | null>(null);
  if (entries.length === 0) return null;
  // Defaults: the one before the newest against the newest.
  const pick = (chosen: number | null, fallback: PlanEntry | undefined) =>
    chosen !== null && entries.some((e) => e.id === chosen) ? chosen : (fallback?.id ?? null);
  const a = pick(first, entries.at(-2) ?? entries.at(-1));
  const b = pick(second, entries.at(-1));
  const newestFirst = [...entries].reverse();
  const option = (e: PlanEntry) => (
    <option key={e.id} value={e.id}>
      #{e.id} {e.label}
    </option>
  );
  return (
    <details className="plans-history" open={entries.length > 1}>
      <summary>History ({entries.length})</summary>
      <table className="plans-summary" aria-label="Plan history">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Name</th>
            <th scope="col">Opened</th>
            <th scope="col">Size</th>
            <th scope="col">Query</th>
            <th scope="col">
              <span className="visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((e) => (
            <tr key={e.id} aria-current={e.id === currentId ? 'true' : undefined}>
              <td>{e.id}</td>
              <td>{e.label}</td>
              <td>{TIME.format(e.at)}</td>
              <td>{entrySize(e)}</td>
              <td className="mono plans-history-query" title={e.query ?? ''}>
                {e.query ?? ''}
              </td>
              <td>
                <button
                  type="button"
                  className="link-button"
                  disabled={e.id === currentId}
                  onClick={() => onShow(e.id)}
                  aria-label={`Show plan #${e.id}`}
                >
                  Show
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.length > 1 && (
        <div className="plans-compare-pick">
          <label htmlFor={firstId}>First plan</label>
          <select id={firstId} value={a ?? ''} onChange={(e) => setFirst(Number(e.target.value))}>
            {newestFirst.map(option)}
          </select>
          <label htmlFor={secondId}>Second plan</label>
          <select id={secondId} value={b ?? ''} onChange={(e) => setSecond(Number(e.target.value))}>
            {newestFirst.map(option)}
          </select>
          <button
            type="button"
            className="button"
            disabled={a === null || b === null || a === b}
            onClick={() => a !== null && b !== null && onCompare(a, b)}
          >
            Compare plans
          </button>
        </div>
      )}
    </details>
  );
}
