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
