/**
 * Cycles of a schedule: one simple loop per strongly connected component of more than one
 * executor, named from its smallest id, so a message can say "cycle: 4 → 7 → 9 → 4".
 */
import { compareExecutorIds } from './executor-id';
import { buildScheduleIndex } from './schedule-index';
import { sanitizeSchedule } from './sanitize-schedule';
import type { ExecutorId, Schedule } from './types';

export interface FoundCycle {
  /** One simple cycle, in dependency order, starting at the smallest id of its component. */
  readonly path: ExecutorId[];
  /** Every executor of the strongly connected component, ascending. */
  readonly component: ExecutorId[];
}

/** One cycle per strongly connected component of more than one executor (Tarjan, iterative). */
export function findCycles(schedule: Schedule): FoundCycle[] {
  const index = buildScheduleIndex(sanitizeSchedule(schedule));
  const n = index.ids.length;
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const comp = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  const callStack: number[] = [];
  const edgePos = new Int32Array(n);
  let counter = 0;
  let compCount = 0;
  // Only components of more than one executor are kept: a DAG of n executors has n singletons.
  const components: { c: number; members: number[] }[] = [];
  for (let s = 0; s < n; s++) {
    if (order[s] !== -1) continue;
    callStack.push(s);
    order[s] = low[s] = counter++;
    edgePos[s] = index.succStart[s]!;
    stack.push(s);
    onStack[s] = 1;
    while (callStack.length > 0) {
      const v = callStack[callStack.length - 1]!;
      if (edgePos[v]! < index.succStart[v + 1]!) {
        const w = index.succList[edgePos[v]!++]!;
        if (order[w] === -1) {
          order[w] = low[w] = counter++;
          edgePos[w] = index.succStart[w]!;
          stack.push(w);
          onStack[w] = 1;
          callStack.push(w);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v]!, order[w]!);
        }
      } else {
        callStack.pop();
        if (callStack.length > 0) {
          const u = callStack[callStack.length - 1]!;
          low[u] = Math.min(low[u]!, low[v]!);
        }
        if (low[v] === order[v]) {
          if (stack[stack.length - 1] === v) {
            stack.pop();
            onStack[v] = 0;
            comp[v] = compCount++;
            continue;
          }
          const members: number[] = [];
          let w: number;
          do {
            w = stack.pop()!;
            onStack[w] = 0;
            comp[w] = compCount;
            members.push(w);
          } while (w !== v);
          components.push({ c: compCount, members });
          compCount++;
        }
      }
    }
  }
  const cycles: FoundCycle[] = [];
  for (const { c, members } of components) {
    members.sort((a, b) => index.idRank[a]! - index.idRank[b]!);
    const start = members[0]!;
    // Shortest way back to `start` inside the component (BFS), so the message names a real loop.
    const prev = new Map<number, number>();
    const queue = [start];
    let end = -1;
    for (let q = 0; q < queue.length && end < 0; q++) {
      const v = queue[q]!;
      for (let k = index.succStart[v]!; k < index.succStart[v + 1]!; k++) {
        const w = index.succList[k]!;
        if (comp[w] !== c) continue;
        if (w === start) {
          end = v;
          break;
        }
        if (!prev.has(w)) {
          prev.set(w, v);
          queue.push(w);
        }
      }
    }
    const path: number[] = [];
    for (let v = end; v !== start; v = prev.get(v)!) path.push(v);
    path.push(start);
    path.reverse();
    cycles.push({
      path: path.map((i) => index.ids[i]!),
      component: members.map((i) => index.ids[i]!),
    });
  }
  cycles.sort((a, b) => compareExecutorIds(a.path[0]!, b.path[0]!));
  return cycles;
}
