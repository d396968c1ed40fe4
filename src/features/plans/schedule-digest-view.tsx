/**
 * A schedule too big to draw (more than DIGEST_ABOVE_EXECUTORS executors): parsed, validated and
 * analysed in the plan-analysis worker, shown as counts, waves, critical path and memory totals,
 * and the view says so. The graph, the wave player and the what-if controls need the schedule on
 * the page, which is what this avoids.
 */
import type { ScheduleDigest } from '../../core/plan/schedule-digest';
import { DIGEST_ABOVE_EXECUTORS } from '../../core/plan/schedule-digest';
import { formatBytesExact, formatCount } from '../../core/format/quantities';
import { KeyValueTable } from './key-value-table';

export function ScheduleDigestView({ label, digest }: { label: string; digest: ScheduleDigest }) {
  const s = digest.summary;
  const rows: [string, string][] = [
    ['Executors', formatCount(digest.executors)],
    ['Dependencies', formatCount(digest.edges)],
    ['Root', digest.rootId ?? 'none'],
    ['Waves', formatCount(s.waves)],
    ['Critical path length', formatCount(s.critical_path_length)],
    ['Box reserved bytes', formatBytesExact(s.box.reserved_bytes)],
    ['Box allocations', formatCount(s.box.allocations)],
    ['Arena reserved bytes', formatBytesExact(s.arena.reserved_bytes)],
    ['Arena chunks', formatCount(s.arena.chunks.length)],
    ['Arena padding bytes', formatBytesExact(s.arena.padding_bytes)],
    ['Problems', formatCount(digest.problemCount)],
  ];
  return (
    <>
      <header className="plans-title">
        <h2>{label}</h2>
        <p role="note">
          Summary only: {formatCount(digest.executors)} executors is more than the{' '}
          {formatCount(DIGEST_ABOVE_EXECUTORS)} the graph draws. The schedule was read, validated and analysed
          off the page; below are its counts, waves and memory totals (glibc, Bump::new(), topological order).
        </p>
      </header>
      <KeyValueTable label="Schedule summary" rows={rows} />
      {digest.problems.length > 0 && (
        <section aria-label="Problems">
          <h3>
            Problems{digest.problemCount > digest.problems.length ? ` (first ${digest.problems.length})` : ''}
          </h3>
          <ul className="plans-warning-list">
            {digest.problems.map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
