import { parseScheduleJson } from './parse-schedule';
import type { Schedule } from './types';

/**
 * Test fixture shared by the plan unit tests (*.fixtures.ts: imported only by *.test.ts, never by
 * app code, so it stays out of the bundle): a schedule from an edge list ("1>2 1>3" means 1
 * completes before 2 and before 3), its root, optional timings as {id: [start_us, end_us]} and
 * extra executors with no edges. Every executor is kind 'K', 8 bytes.
 */
export function scheduleFromEdges(
  edges: string,
  root: number,
  timings: Record<number, [number, number]> = {},
  extra: number[] = [],
): Schedule {
  const pairs = edges
    .split(/\s+/)
    .filter(Boolean)
    .map((p) => p.split('>').map(Number) as [number, number]);
  const ids = [...new Set([...pairs.flat(), root, ...extra])].sort((a, b) => a - b);
  return parseScheduleJson({
    root_executor_id: root,
    executors: ids.map((id) => ({
      id,
      kind: 'K',
      size_bytes: 8,
      ...(timings[id] ? { start_us: timings[id][0], end_us: timings[id][1] } : {}),
    })),
    dependencies: pairs.map(([from, to]) => ({ from, to })),
  }).schedule;
}
