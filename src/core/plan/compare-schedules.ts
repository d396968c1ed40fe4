/**
 * Two executor schedules compared on what the Plans view shows for one: executors, waves, the
 * critical path, and the Box and arena memory totals (default model: glibc, Bump::new(),
 * topological order). Each schedule's numbers are the same MemorySummary its own export writes.
 */
import { computeCriticalPath } from './critical-path';
import { buildMemorySummary } from './memory/memory-summary';
import { simulateScheduleMemory } from './memory/simulate-memory';
import type { MemorySummary, Schedule } from './types';
import { computeWaves } from './waves';

export interface ScheduleDeltaRow {
  readonly label: string;
  readonly a: number;
  readonly b: number;
  readonly unit: string;
}

export interface ScheduleComparison {
  readonly rows: readonly ScheduleDeltaRow[];
  readonly verdict: string;
}

export function scheduleSummary(schedule: Schedule): MemorySummary {
  const waves = computeWaves(schedule);
  const criticalPath = computeCriticalPath(schedule);
  return buildMemorySummary(
    schedule,
    waves,
    criticalPath,
    simulateScheduleMemory(schedule, undefined, waves),
  );
}

export function compareScheduleSummaries(a: MemorySummary, b: MemorySummary): ScheduleComparison {
  const rows: ScheduleDeltaRow[] = [
    { label: 'Executors', a: a.executors, b: b.executors, unit: '' },
    { label: 'Waves', a: a.waves, b: b.waves, unit: '' },
    { label: 'Critical path length', a: a.critical_path_length, b: b.critical_path_length, unit: '' },
    { label: 'Box reserved bytes', a: a.box.reserved_bytes, b: b.box.reserved_bytes, unit: 'B' },
    { label: 'Box allocations', a: a.box.allocations, b: b.box.allocations, unit: '' },
    { label: 'Arena reserved bytes', a: a.arena.reserved_bytes, b: b.arena.reserved_bytes, unit: 'B' },
    { label: 'Arena chunks', a: a.arena.chunks.length, b: b.arena.chunks.length, unit: '' },
    { label: 'Arena padding bytes', a: a.arena.padding_bytes, b: b.arena.padding_bytes, unit: 'B' },
  ];
  const changed = rows.filter((r) => r.a !== r.b).map((r) => r.label.toLowerCase());
  const verdict =
    changed.length === 0
      ? 'same executors, waves, critical path and memory totals'
      : `${changed.length} of ${rows.length} figures differ: ${changed.join(', ')}`;
  return { rows, verdict };
}
