/** The exported memory summary (JSON, snake_case), built from already computed results. */
import { sanitizeSchedule } from '../sanitize-schedule';
import type { Schedule } from '../types';
import type { CriticalPath, Waves } from '../analysis-types';
import type { ArenaSimulation, BoxSimulation, MemorySimulation, MemorySummary } from './memory-types';

export function buildMemorySummary(
  schedule: Schedule,
  waves: Waves,
  criticalPath: CriticalPath,
  simulation: MemorySimulation,
): MemorySummary {
  return memorySummaryOf(
    sanitizeSchedule(schedule).executors.length,
    waves.waveCount,
    criticalPath.length,
    simulation.box,
    simulation.arena,
  );
}

/** The same summary from the bare figures (what a schedule too big to draw is summarised with). */
export function memorySummaryOf(
  executors: number,
  waveCount: number,
  criticalPathLength: number,
  box: BoxSimulation,
  arena: ArenaSimulation,
): MemorySummary {
  return {
    executors,
    waves: waveCount,
    critical_path_length: criticalPathLength,
    box: {
      reserved_bytes: box.reservedBytes,
      used_bytes: box.usedBytes,
      allocations: box.allocations,
    },
    arena: {
      bumpalo: arena.bumpalo === '3.16' ? '3.16-3.17' : '>=3.18',
      chunks: arena.chunks.map((c) => c.usableBytes),
      reserved_bytes: arena.reservedBytes,
      reserved_bytes_including_metadata: arena.reservedBytesIncludingMetadata,
      used_bytes: arena.usedBytes,
      padding_bytes: arena.paddingBytes,
      abandoned_tail_bytes: arena.abandonedTailBytes,
      after_reset_bytes: arena.afterResetBytes,
    },
  };
}

/** Waste as a share of reserved bytes (0..1); 0 when nothing is reserved. */
export function wasteRatio(reserved: number, used: number): number {
  return reserved > 0 ? (reserved - used) / reserved : 0;
}
