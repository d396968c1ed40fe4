import { describe, expect, it } from 'vitest';
import {
  EDGE_OK,
  EDGE_REPEATED,
  EDGE_SELF,
  EDGE_UNKNOWN,
  resolveSchedule,
  sanitizeSchedule,
} from './sanitize-schedule';
import { buildScheduleIndex } from './schedule-index';
import type { Executor, Schedule } from './types';

const ex = (id: string): Executor => ({
  id,
  kind: 'K',
  sizeBytes: 8,
  align: 8,
  holdsHeap: false,
  removed: false,
});

function schedule(ids: string[], edges: string, rootId: string | null = null): Schedule {
  return {
    rootId,
    executors: ids.map(ex),
    edges: edges
      .split(/\s+/)
      .filter(Boolean)
      .map((p) => {
        const [from, to] = p.split('>') as [string, string];
        return { from, to };
      }),
  };
}

describe('resolveSchedule: the state of every dependency', () => {
  it.each([
    ['all fine', ['1', '2', '3'], '1>2 2>3', [EDGE_OK, EDGE_OK]],
    ['an unknown source or target', ['1', '2'], '9>2 1>9 1>2', [EDGE_UNKNOWN, EDGE_UNKNOWN, EDGE_OK]],
    ['a self-dependency', ['1', '2'], '2>2 1>2', [EDGE_SELF, EDGE_OK]],
    [
      'a repeat: the first listing is kept',
      ['1', '2', '3'],
      '1>3 2>3 1>3 1>3',
      [EDGE_OK, EDGE_OK, EDGE_REPEATED, EDGE_REPEATED],
    ],
    ['the same pair reversed is not a repeat', ['1', '2'], '1>2 2>1', [EDGE_OK, EDGE_OK]],
    [
      'ids beyond 2^53 one apart are different',
      ['9007199254740992', '9007199254740993', '1'],
      '9007199254740992>1 9007199254740993>1',
      [EDGE_OK, EDGE_OK],
    ],
  ])('%s', (_name, ids, edges, states) => {
    const r = resolveSchedule(schedule(ids, edges));
    expect(Array.from(r.state)).toEqual(states);
    expect(r.droppedEdges).toBe(states.filter((s) => s !== EDGE_OK).length);
  });

  it('maps a repeated executor id to its first executor and marks the later ones', () => {
    const r = resolveSchedule(schedule(['1', '2', '1', '1'], '1>2'));
    expect(r.indexOf.get('1')).toBe(0);
    expect(Array.from(r.repeated)).toEqual([0, 0, 1, 1]);
    expect(r.repeatedCount).toBe(2);
    expect([r.from[0], r.to[0]]).toEqual([0, 1]);
  });
});

describe('sanitizeSchedule', () => {
  it('returns the same object when nothing needs dropping', () => {
    const s = schedule(['1', '2'], '1>2', '2');
    expect(sanitizeSchedule(s)).toBe(s);
  });

  it.each([
    [
      'repeated, self and unknown dependencies dropped',
      ['1', '2', '3'],
      '1>2 1>2 3>3 4>3 2>3',
      ['1', '2', '3'],
      ['1>2', '2>3'],
    ],
    ['a repeated executor dropped (the first kept)', ['1', '2', '1'], '1>2', ['1', '2'], ['1>2']],
    ['cycles kept', ['1', '2'], '1>2 2>1', ['1', '2'], ['1>2', '2>1']],
  ])('%s', (_name, ids, edges, keptIds, keptEdges) => {
    const clean = sanitizeSchedule(schedule(ids, edges, '2'));
    expect(clean.executors.map((e) => e.id)).toEqual(keptIds);
    expect(clean.edges.map((e) => `${e.from}>${e.to}`)).toEqual(keptEdges);
    expect(sanitizeSchedule(clean)).toBe(clean);
    // The graph index of the clean part has exactly its dependencies.
    const index = buildScheduleIndex(clean);
    expect(index.depList.length).toBe(keptEdges.length);
    expect(index.root).toBe(keptIds.indexOf('2'));
  });
});
