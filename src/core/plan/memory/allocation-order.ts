/**
 * The allocation sequence: executors in the order the engine creates them. By default
 * topological (dependencies first, ties by ascending id, so the same plan always gives the same
 * sequence); 'input' keeps the listed order (a trace's order); 'custom' takes the given ids first
 * and appends the rest in topological order.
 */
import { buildScheduleIndex, topologicalOrder } from '../schedule-index';
import { sanitizeSchedule } from '../sanitize-schedule';
import type { Schedule } from '../types';
import type { AllocationOrder } from './memory-types';

export interface OrderResult {
  /** Executor indexes in the sanitized schedule, in allocation order. */
  readonly order: Int32Array;
  /** Indexes that topological order could not place (cycles); appended at the end by id. */
  readonly blocked: Int32Array;
}

export function allocationOrder(schedule: Schedule, order: AllocationOrder): OrderResult {
  const clean = sanitizeSchedule(schedule);
  const index = buildScheduleIndex(clean);
  const n = index.ids.length;
  const topo = topologicalOrder(index);
  const fullTopo = new Int32Array(n);
  fullTopo.set(topo.order, 0);
  fullTopo.set(topo.blocked, topo.order.length);
  if (order.kind === 'topological') return { order: fullTopo, blocked: topo.blocked };
  if (order.kind === 'input')
    return { order: Int32Array.from({ length: n }, (_, i) => i), blocked: new Int32Array(0) };
  const out = new Int32Array(n);
  const placed = new Uint8Array(n);
  let k = 0;
  for (const id of order.ids) {
    const i = index.indexOf.get(id);
    if (i === undefined || placed[i]) continue;
    placed[i] = 1;
    out[k++] = i;
  }
  for (const i of fullTopo) {
    if (!placed[i]) {
      placed[i] = 1;
      out[k++] = i;
    }
  }
  return { order: out, blocked: new Int32Array(0) };
}
