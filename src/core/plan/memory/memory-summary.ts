/** The exported memory summary (JSON, snake_case), built from already computed results. */
import { sanitizeSchedule } from '../validate-schedule';
import type { CriticalPath, MemorySimulation, MemorySummary, Schedule, Waves } from '../types';

export function buildMemorySummary(
  schedule: Schedule,
  waves: Waves,
  criticalPath: CriticalPath,
  simulation: MemorySimulation,
): MemorySummary {
  const { box, arena } = simulation;
  return {
    executors: sanitizeSchedule(schedule).executors.length,
    waves: waves.waveCount,
    critical_path_length: criticalPath.length,
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
