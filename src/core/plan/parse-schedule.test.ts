import { describe, expect, it } from 'vitest';
import { compareExecutorIds, normalizeExecutorId, quoteBigIntegers } from './executor-id';
import { parseScheduleJson, parseScheduleText } from './parse-schedule';

const edgeList = {
  root_executor_id: 3,
  executors: [
    {
      id: 1,
      kind: 'GetVertices',
      name: 'scan',
      size_bytes: 120,
      align: 8,
      holds_heap: true,
      start_us: 0,
      end_us: 40,
      rows: 1000,
    },
    { id: '2', kind: 'Filter', size_bytes: 64 },
    { id: 3, kind: 'Produce', size_bytes: 32, align: 16, removed: false },
  ],
  dependencies: [
    { from: 1, to: 2 },
    { from: '2', to: 3 },
  ],
};

const engine = {
  root_executor_id: 3,
  executors: [
    { id: 1, kind: 'GetVertices', size_bytes: 120 },
    { id: 2, kind: 'Filter', size_bytes: 64 },
    { id: 3, kind: 'Produce', size_bytes: 32 },
  ],
  dependencies: [
    { executor_id: 1, dependencies: [], successors: [2] },
    { executor_id: 2, dependencies: [1], successors: [3] },
    { executor_id: 3, dependencies: [2], successors: [] },
  ],
};

describe('parseScheduleJson: both shapes', () => {
  it.each([
    ['edge-list', edgeList],
    ['engine', engine],
  ] as const)('reads the %s shape into the same graph', (format, value) => {
    const parsed = parseScheduleJson(value);
    expect(parsed.format).toBe(format);
    expect(parsed.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(parsed.schedule.rootId).toBe('3');
    expect(parsed.schedule.executors.map((e) => [e.id, e.kind, e.sizeBytes])).toEqual([
      ['1', 'GetVertices', 120],
      ['2', 'Filter', 64],
      ['3', 'Produce', 32],
    ]);
    expect(parsed.schedule.edges).toEqual([
      { from: '1', to: '2' },
      { from: '2', to: '3' },
    ]);
  });

  it('reads optional fields and defaults align to 8', () => {
    const [a, b, c] = parseScheduleJson(edgeList).schedule.executors;
    expect(a).toMatchObject({ name: 'scan', holdsHeap: true, startUs: 0, endUs: 40, rows: 1000, align: 8 });
    expect(b).toMatchObject({ align: 8, holdsHeap: false, removed: false });
    expect(c!.align).toBe(16);
  });

  it('reports engine entries whose dependencies and successors disagree, and keeps the edge', () => {
    const value = structuredClone(engine);
    value.dependencies[1]!.successors = []; // 2 no longer lists 3, but 3 lists 2
    const parsed = parseScheduleJson(value);
    const mismatch = parsed.problems.filter((p) => p.code === 'dependency-mismatch');
    expect(mismatch).toHaveLength(1);
    expect(mismatch[0]!.message).toMatch(
      /Executor 3 lists 2 among its dependencies, but 2 does not list 3 among its successors/,
    );
    expect(mismatch[0]!.path).toBe('$.dependencies[2].dependencies[0]');
    expect(parsed.schedule.edges).toContainEqual({ from: '2', to: '3' });
  });

  it('does not compare with a list the engine left out', () => {
    const value = {
      ...engine,
      dependencies: engine.dependencies.map(({ executor_id, dependencies }) => ({
        executor_id,
        dependencies,
      })),
    };
    expect(parseScheduleJson(value).problems).toEqual([]);
  });

  it('reads executors given as an object keyed by id (a serialized HashMap)', () => {
    const value = {
      ...edgeList,
      executors: {
        1: { kind: 'A', size_bytes: 1 },
        2: { kind: 'B', size_bytes: 1 },
        3: { kind: 'C', size_bytes: 1 },
      },
    };
    const parsed = parseScheduleJson(value);
    expect(parsed.schedule.executors.map((e) => e.id)).toEqual(['1', '2', '3']);
    expect(parsed.ok).toBe(true);
  });

  it.each([
    ['a non-object', 42, '$', /must be a JSON object/],
    [
      'executors not a list',
      { root_executor_id: 1, executors: 'x' },
      '$.executors',
      /must be a list of executors/,
    ],
    [
      'dependencies not a list',
      { ...edgeList, dependencies: {} },
      '$.dependencies',
      /"dependencies" must be a list/,
    ],
    [
      'a dependency without from/to',
      { ...edgeList, dependencies: [{ source: 1 }] },
      '$.dependencies[0]',
      /neither \{from, to\}/,
    ],
    [
      'a missing kind',
      { ...edgeList, executors: [{ id: 1, size_bytes: 1 }] },
      '$.executors[0].kind',
      /no kind/,
    ],
    [
      'a missing size',
      { ...edgeList, executors: [{ id: 1, kind: 'A' }] },
      '$.executors[0].size_bytes',
      /no size_bytes/,
    ],
    [
      'holds_heap not a boolean',
      { ...edgeList, executors: [{ id: 3, kind: 'A', size_bytes: 1, holds_heap: 'yes' }], dependencies: [] },
      '$.executors[0].holds_heap',
      /true or false/,
    ],
    [
      'a fractional id',
      { ...edgeList, executors: [{ id: 1.5, kind: 'A', size_bytes: 1 }] },
      '$.executors[0].id',
      /not an integer/,
    ],
    [
      'an id outside i64',
      { ...edgeList, root_executor_id: '9223372036854775808' },
      '$.root_executor_id',
      /outside the i64 range/,
    ],
  ])('reports %s with its path', (_name, value, path, message) => {
    const parsed = parseScheduleJson(value);
    const p = parsed.problems.find((x) => x.path === path);
    expect(p, JSON.stringify(parsed.problems, null, 1)).toBeDefined();
    expect(p!.message).toMatch(message);
    expect(parsed.ok).toBe(false);
  });
});

describe('parseScheduleText', () => {
  it('returns a problem, not an exception, for broken JSON', () => {
    const parsed = parseScheduleText('{"root_executor_id": 1,\n "executors": [}');
    expect(parsed.ok).toBe(false);
    expect(parsed.problems[0]!.code).toBe('invalid-json');
    expect(parsed.problems[0]!.message).toMatch(/not valid JSON/);
    expect(parsed.schedule.executors).toEqual([]);
  });

  it('keeps i64 ids beyond 2^53 exact', () => {
    const big = '9223372036854775807';
    const text = `{"root_executor_id": ${big}, "executors": [{"id": 9007199254740993, "kind": "Scan", "size_bytes": 8}, {"id": ${big}, "kind": "Produce", "size_bytes": 8}], "dependencies": [{"from": 9007199254740993, "to": ${big}}]}`;
    const parsed = parseScheduleText(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.schedule.executors.map((e) => e.id)).toEqual(['9007199254740993', big]);
    expect(parsed.schedule.rootId).toBe(big);
  });

  it('flags ids that JSON.parse already rounded', () => {
    const parsed = parseScheduleJson({ root_executor_id: 2 ** 60, executors: [], dependencies: [] });
    expect(parsed.problems.find((p) => p.path === '$.root_executor_id')!.message).toMatch(
      /beyond 2\^53.*write the id as a string/,
    );
  });
});

describe('executor ids', () => {
  it.each([
    [42, '42'],
    ['42', '42'],
    ['007', '7'],
    [-0, '0'],
    [' -3 ', '-3'],
    [12n, '12'],
    ['-9223372036854775808', '-9223372036854775808'],
  ])('normalizes %o to %s', (raw, id) => {
    expect(normalizeExecutorId(raw)).toEqual({ ok: true, id });
  });

  it('orders numerically, also beyond 2^53', () => {
    const ids = ['10', '9', '-1', '9223372036854775807', '9007199254740993', '9007199254740992'];
    expect([...ids].sort(compareExecutorIds)).toEqual([
      '-1',
      '9',
      '10',
      '9007199254740992',
      '9007199254740993',
      '9223372036854775807',
    ]);
  });

  it('quotes only big integer literals outside strings', () => {
    expect(
      quoteBigIntegers('{"a": 12345678901234567890, "b": "12345678901234567890", "c": 1.5e300, "d": 42}'),
    ).toBe('{"a": "12345678901234567890", "b": "12345678901234567890", "c": 1.5e300, "d": 42}');
  });
});
