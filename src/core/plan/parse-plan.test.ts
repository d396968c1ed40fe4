import { describe, expect, it } from 'vitest';
import { MemscopeError } from '../errors';
import { parsePlanText } from './parse-plan';

describe('parsePlanText: recognized by content', () => {
  it.each([
    [
      'an edge-list schedule',
      '{"root_executor_id": 1, "executors": [{"id": 1, "kind": "Start", "size_bytes": 8}]}',
      'schedule',
    ],
    ['a damaged schedule (shown with its problems)', '{"executors": 3}', 'schedule'],
    ['invalid JSON (shown as a schedule problem)', '{"root', 'schedule'],
    [
      'a native profile',
      '{"latency": 0.1, "children": [{"operator_type": "PROJECTION", "children": []}]}',
      'duckdb',
    ],
    ['an EXPLAIN array', '[{"name": "SEQ_SCAN", "children": [], "extra_info": {}}]', 'duckdb'],
    [
      'an older profile',
      '{"name": "Query", "timing": 0.1, "children": [{"name": "FILTER", "timing": 0.1, "cardinality": 1, "children": []}]}',
      'duckdb',
    ],
  ])('%s -> %s', (_name, text, kind) => {
    expect(parsePlanText(text).kind).toBe(kind);
  });

  it.each([['{"hello": "world"}'], ['[1, 2, 3]'], ['"text"']])(
    'refuses %s, naming the formats it reads',
    (text) => {
      let error: unknown;
      try {
        parsePlanText(text, 'notes.json');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(MemscopeError);
      const e = error as MemscopeError;
      expect(e.code).toBe('invalid-input');
      expect(e.file).toBe('notes.json');
      expect(e.message).toMatch(/notes\.json .*neither an executor schedule nor a DuckDB plan/);
      expect(e.hint).toMatch(/enable_profiling/);
      expect(e.hint).toMatch(/EXPLAIN \(ANALYZE, FORMAT JSON\)/);
    },
  );
});

describe('parsePlanText: schedules too big to draw become a digest', () => {
  // A chain 1 -> 2 -> 3, 8-byte executors: 3 waves, critical path 3, glibc 3 x 32 B.
  const chain = JSON.stringify({
    root_executor_id: 3,
    executors: [1, 2, 3].map((id) => ({ id, kind: 'K', size_bytes: 8 })),
    dependencies: [
      { from: 1, to: 2 },
      { from: 2, to: 3 },
    ],
  });
  it.each([
    ['at the limit: the schedule itself', 3, 'schedule'],
    ['above it: a digest', 2, 'schedule-digest'],
  ])('%s', (_name, limit, kind) => {
    expect(parsePlanText(chain, 'chain.json', limit).kind).toBe(kind);
  });

  it('keeps the counts, waves, critical path and memory totals', () => {
    const plan = parsePlanText(chain, 'chain.json', 2);
    if (plan.kind !== 'schedule-digest') throw new Error(plan.kind);
    expect(plan.digest).toMatchObject({ executors: 3, edges: 2, rootId: '3', problemCount: 0 });
    expect(plan.digest.summary).toMatchObject({
      executors: 3,
      waves: 3,
      critical_path_length: 3,
      box: { reserved_bytes: 96, allocations: 3 },
    });
  });
});
