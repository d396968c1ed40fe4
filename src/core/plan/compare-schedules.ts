/**
 * Two executor schedules compared on what the Plans view shows for one: executors, waves, the
 * critical path, and the Box and arena memory totals (default model: glibc, Bump::new(),
 * topological order). Each schedule's numbers are the same MemorySummary its own export writes.
 */
import { criticalPathForward } from './critical-path';
import { simulateArena } from './memory/bumpalo-arena';
import { memorySummaryOf } from './memory/memory-summary';
import { allocationSequence, DEFAULT_MEMORY_OPTIONS, simulateBox } from './memory/simulate-memory';
import { sanitizeSchedule } from './sanitize-schedule';
import type { Schedule } from './types';
import type { MemorySummary } from './memory/memory-types';
import { countWaves, waveSteps } from './waves';

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

/**
 * The schedule's MemorySummary (what its "Export summary (JSON)" writes), computed from typed arrays
 * only: no per-step lists, no Map entry per executor, no warnings. The same numbers as
 * buildMemorySummary over computeWaves, computeCriticalPath and simulateScheduleMemory, at a
 * fraction of the memory for a 1,000,000-executor schedule.
 */
export function scheduleSummary(schedule: Schedule): MemorySummary {
  const clean = sanitizeSchedule(schedule);
  const { waveCount } = countWaves(waveSteps(clean));
  const { length } = criticalPathForward(clean);
  const { sizes, aligns } = allocationSequence(clean);
  const { model } = DEFAULT_MEMORY_OPTIONS;
  return memorySummaryOf(
    clean.executors.length,
    waveCount,
    length,
    simulateBox(sizes, aligns, model.box),
    simulateArena(sizes, aligns, model.arena),
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
