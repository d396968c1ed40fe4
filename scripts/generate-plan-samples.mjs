#!/usr/bin/env node
// Writes the Plans samples (public/samples/plans/) and the format examples (docs/formats/examples/)
// deterministically: same seed, same bytes. `node scripts/generate-plan-samples.mjs`
// Over 400 lines on purpose: every sample's definition sits beside the writer that makes it, so one
// file says what the samples are.
//
//   three-executors.json      3 executors, edge-list shape, no timings
//   graph-query-20.json       a typical 20-executor graph query, the engine's own shape
//   parallel-50.json          50 executors in parallel branches, with timings
//   cyclic.json               a schedule with a cycle (4 → 7 → 9 → 4), for the error view
//   trace-2000.parquet/.csv   a 2,000-executor trace over many queries (deps as list<int64>)
//   index.json                the list the app shows, with titles
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as arrow from 'apache-arrow';
import * as pq from 'parquet-wasm';
import * as prettier from 'prettier';
import { mulberry32 } from './lib/mulberry32.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'public', 'samples', 'plans');
const examplesDir = path.join(root, 'docs', 'formats', 'examples');
const SEED = 20261107;

/** The seeded random stream of the plan samples (mulberry32) with its helpers. */
function rng(seed) {
  const next = mulberry32(seed);
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
  };
}

// Executor struct sizes (bytes) and alignments of a Rust graph engine's Box<dyn Executor>s:
// iterator state, schema handles, expression trees. `heap`: owns a Vec/HashMap/String/Arc.
const KINDS = {
  Start: { size: 48, align: 8, heap: false, us: [2, 5] },
  GetVertices: { size: 184, align: 8, heap: true, us: [200, 900] },
  GetNeighbors: { size: 232, align: 8, heap: true, us: [300, 1500] },
  Filter: { size: 96, align: 8, heap: false, us: [40, 250] },
  Project: { size: 120, align: 8, heap: true, us: [30, 150] },
  HashInnerJoin: { size: 312, align: 64, heap: true, us: [400, 1800] },
  Union: { size: 72, align: 8, heap: false, us: [20, 80] },
  Aggregate: { size: 280, align: 16, heap: true, us: [150, 700] },
  Sort: { size: 160, align: 8, heap: true, us: [100, 600] },
  Limit: { size: 64, align: 8, heap: false, us: [5, 20] },
  Produce: { size: 136, align: 8, heap: true, us: [10, 60] },
};

function executor(r, id, kind, extra = {}) {
  const k = KINDS[kind];
  const size = k.size + 8 * r.int(0, 6);
  return { id, kind, size_bytes: size, align: k.align, holds_heap: k.heap, ...extra };
}

/** Timings consistent with the dependencies: start after the last dependency ends, plus a scheduling gap. */
function addTimings(r, executors, edges) {
  const deps = new Map(executors.map((e) => [e.id, []]));
  for (const { from, to } of edges) deps.get(to).push(from);
  const end = new Map();
  const rows = new Map();
  for (const e of executors) {
    const ds = deps.get(e.id);
    const start = ds.length ? Math.max(...ds.map((d) => end.get(d))) + r.int(1, 12) : r.int(0, 3);
    const [lo, hi] = KINDS[e.kind].us;
    e.start_us = start;
    e.end_us = start + r.int(lo, hi);
    end.set(e.id, e.end_us);
    const input = ds.length ? ds.reduce((s, d) => s + rows.get(d), 0) : 1;
    const out = outputRows(r, e.kind, input);
    rows.set(e.id, out);
    e.rows = out;
  }
}

function outputRows(r, kind, input) {
  switch (kind) {
    case 'Start':
      return 1;
    case 'GetVertices':
      return r.int(500, 50_000);
    case 'GetNeighbors':
      return Math.max(1, Math.round(input * (1 + r.next() * 8)));
    case 'Filter':
      return Math.max(1, Math.round(input * (0.05 + r.next() * 0.6)));
    case 'Aggregate':
      return Math.max(1, Math.round(Math.sqrt(input)));
    case 'Limit':
      return Math.min(input, 100);
    case 'HashInnerJoin':
      return Math.max(1, Math.round(input * (0.1 + r.next() * 0.5)));
    default:
      return input;
  }
}

// ---------------------------------------------------------------------------------------------

function threeExecutors() {
  const r = rng(SEED);
  const executors = [
    executor(r, 1, 'Start'),
    executor(r, 2, 'GetVertices', { name: 'scan Person' }),
    executor(r, 3, 'Produce'),
  ];
  return {
    root_executor_id: 3,
    executors,
    dependencies: [
      { from: 1, to: 2 },
      { from: 2, to: 3 },
    ],
  };
}

/** MATCH (a:Person)-[:KNOWS]->(b)-[:LIKES]->(c:Post), a join with a tag lookup, count per tag, top 10. */
function graphQuery20() {
  const r = rng(SEED + 1);
  const spec = [
    [1, 'Start', 'start', []],
    [2, 'GetVertices', 'scan Person a', [1]],
    [3, 'Filter', 'a.age > 30', [2]],
    [4, 'GetNeighbors', 'a-[:KNOWS]->b', [3]],
    [5, 'Filter', 'b.city = a.city', [4]],
    [6, 'GetVertices', 'props of b', [5]],
    [7, 'Project', 'a, b', [6]],
    [8, 'GetNeighbors', 'b-[:LIKES]->c', [7]],
    [9, 'Filter', 'c:Post', [8]],
    [10, 'GetVertices', 'props of c', [9]],
    [11, 'Project', 'a, b, c', [10]],
    [12, 'GetVertices', 'index scan Tag', [1]],
    [13, 'Filter', 'tag.lang = "en"', [12]],
    [14, 'Project', 'tag.id, tag.name', [13]],
    [15, 'HashInnerJoin', 'c.tag = tag.id', [11, 14]],
    [16, 'Aggregate', 'count(*) by tag', [15]],
    [17, 'Sort', 'count desc', [16]],
    [18, 'Limit', '10', [17]],
    [19, 'Project', 'tag.name, count', [18]],
    [20, 'Produce', 'result', [19]],
  ];
  const executors = spec.map(([id, kind, name]) => executor(r, id, kind, { name }));
  const successors = new Map(spec.map(([id]) => [id, []]));
  for (const [id, , , deps] of spec) for (const d of deps) successors.get(d).push(id);
  return {
    root_executor_id: 20,
    executors,
    dependencies: spec.map(([id, , , deps]) => ({
      executor_id: id,
      dependencies: deps,
      successors: successors.get(id),
    })),
  };
}

/** Start, four parallel branches (11, 11, 10, 10 executors), two joins and a union, then the tail. */
function parallel50() {
  const r = rng(SEED + 2);
  const executors = [];
  const edges = [];
  let next = 1;
  const add = (kind, deps, name) => {
    const id = next++;
    executors.push(executor(r, id, kind, name ? { name } : {}));
    for (const d of deps) edges.push({ from: d, to: id });
    return id;
  };
  const start = add('Start', []);
  const branchEnds = [];
  for (let b = 0; b < 4; b++) {
    let last = add('GetVertices', [start], `branch ${b + 1}: scan`);
    const chain = [
      'Filter',
      'GetNeighbors',
      'Filter',
      'Project',
      'GetNeighbors',
      'Filter',
      'GetVertices',
      'Project',
      'Filter',
      'Project',
    ];
    for (const kind of chain.slice(0, b < 2 ? 10 : 9)) last = add(kind, [last]);
    branchEnds.push(last);
  }
  const j1 = add('HashInnerJoin', [branchEnds[0], branchEnds[1]], 'join 1+2');
  const j2 = add('HashInnerJoin', [branchEnds[2], branchEnds[3]], 'join 3+4');
  const u = add('Union', [j1, j2]);
  const agg = add('Aggregate', [u]);
  const sort = add('Sort', [agg]);
  const limit = add('Limit', [sort]);
  const produce = add('Produce', [limit]);
  if (executors.length !== 50) throw new Error(`parallel-50 has ${executors.length} executors`);
  addTimings(r, executors, edges);
  return { root_executor_id: produce, executors, dependencies: edges };
}

/** A schedule whose executors 4, 7 and 9 wait for each other. */
function cyclic() {
  const r = rng(SEED + 3);
  const kinds = [
    'Start',
    'GetVertices',
    'Filter',
    'GetNeighbors',
    'Project',
    'Filter',
    'GetNeighbors',
    'Aggregate',
    'Filter',
    'Produce',
  ];
  const executors = kinds.map((kind, i) => executor(r, i + 1, kind));
  const dependencies = [
    [1, 2],
    [2, 3],
    [3, 4],
    [4, 7],
    [7, 9],
    [9, 4],
    [2, 5],
    [5, 6],
    [6, 8],
    [9, 8],
    [8, 10],
  ].map(([from, to]) => ({ from, to }));
  return { root_executor_id: 10, executors, dependencies };
}

// ---------------------------------------------------------------------------------------------
// Trace: many queries, one row per executor per query.

function randomQuery(r, size) {
  // Branches of chains merged by joins, then a tail; sized to exactly `size` executors.
  const tailKinds = ['Aggregate', 'Sort', 'Limit', 'Project', 'Produce'].filter(
    (k, i) => i >= 3 || r.next() < 0.6,
  );
  const body = size - 1 - tailKinds.length;
  const branches = Math.max(1, Math.min(4, Math.floor(body / 4), r.int(1, 4)));
  const joins = branches - 1;
  const chainTotal = body - joins;
  const lengths = Array.from({ length: branches }, () => 1);
  for (let k = branches; k < chainTotal; k++) lengths[r.int(0, branches - 1)]++;
  const kinds = [];
  const deps = [];
  const add = (kind, d) => {
    kinds.push(kind);
    deps.push(d);
    return kinds.length - 1;
  };
  const start = add('Start', []);
  let ends = lengths.map((len) => {
    let last = add('GetVertices', [start]);
    for (let k = 1; k < len; k++)
      last = add(r.pick(['GetNeighbors', 'Filter', 'Filter', 'Project', 'GetVertices']), [last]);
    return last;
  });
  while (ends.length > 1) {
    const [a, b, ...rest] = ends;
    ends = [...rest, add('HashInnerJoin', [a, b])];
  }
  let last = ends[0];
  for (const kind of tailKinds) last = add(kind, [last]);
  return { kinds, deps };
}

function trace2000() {
  const r = rng(SEED + 4);
  const rows = [];
  let total = 0;
  let executorId = 1n;
  for (let q = 1; total < 2000; q++) {
    const remaining = 2000 - total;
    const size = remaining < 45 ? remaining : Math.min(remaining - 8, r.int(8, 40));
    const { kinds, deps } = randomQuery(r, size);
    // One query's ids sit beyond 2^53, as i64 counters can: readers must not round them.
    const base = q === 7 ? 9007199254740993n : executorId;
    const ids = kinds.map((_, i) => base + BigInt(i));
    if (q !== 7) executorId += BigInt(kinds.length);
    const executors = kinds.map((kind, i) => executor(r, i, kind));
    const edges = deps.flatMap((ds, i) => ds.map((d) => ({ from: d, to: i })));
    addTimings(r, executors, edges);
    executors.forEach((e, i) => {
      rows.push({
        query_id: BigInt(q),
        executor_id: ids[i],
        kind: e.kind,
        size_bytes: BigInt(e.size_bytes),
        align: e.align,
        deps: deps[i].map((d) => ids[d]),
        start_us: BigInt(e.start_us),
        end_us: BigInt(e.end_us),
        rows: BigInt(e.rows),
        holds_heap: e.holds_heap,
      });
    });
    total += kinds.length;
  }
  return rows;
}

function traceTable(rows) {
  const int64 = (key) =>
    arrow.vectorFromArray(
      rows.map((x) => x[key]),
      new arrow.Int64(),
    );
  return new arrow.Table({
    query_id: int64('query_id'),
    executor_id: int64('executor_id'),
    kind: arrow.vectorFromArray(
      rows.map((x) => x.kind),
      new arrow.Utf8(),
    ),
    size_bytes: int64('size_bytes'),
    align: arrow.vectorFromArray(
      rows.map((x) => x.align),
      new arrow.Int32(),
    ),
    deps: arrow.vectorFromArray(
      rows.map((x) => x.deps),
      new arrow.List(new arrow.Field('item', new arrow.Int64(), false)),
    ),
    start_us: int64('start_us'),
    end_us: int64('end_us'),
    rows: int64('rows'),
    holds_heap: arrow.vectorFromArray(
      rows.map((x) => x.holds_heap),
      new arrow.Bool(),
    ),
  });
}

function traceCsv(rows) {
  const head = 'query_id,executor_id,kind,size_bytes,align,deps,start_us,end_us,rows,holds_heap';
  const lines = rows.map((x) =>
    [
      x.query_id,
      x.executor_id,
      x.kind,
      x.size_bytes,
      x.align,
      `"[${x.deps.join(',')}]"`,
      x.start_us,
      x.end_us,
      x.rows,
      x.holds_heap,
    ].join(','),
  );
  return `${head}\n${lines.join('\n')}\n`;
}

function writeParquet(file, table) {
  const props = new pq.WriterPropertiesBuilder()
    .setCompression(pq.Compression.ZSTD)
    .setMaxRowGroupSize(1000)
    .setCreatedBy('memscope generate-plan-samples')
    .build();
  const wasmTable = pq.Table.fromIPCStream(arrow.tableToIPC(table, 'stream'));
  const bytes = pq.writeParquet(wasmTable, props);
  fs.writeFileSync(file, bytes);
}

async function writeJson(file, value) {
  const text = await prettier.format(JSON.stringify(value), { parser: 'json', filepath: file });
  fs.writeFileSync(file, text);
}

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  fs.mkdirSync(examplesDir, { recursive: true });
  const three = threeExecutors();
  const g20 = graphQuery20();
  const p50 = parallel50();
  const cyc = cyclic();
  await writeJson(path.join(outDir, 'three-executors.json'), three);
  await writeJson(path.join(outDir, 'graph-query-20.json'), g20);
  await writeJson(path.join(outDir, 'parallel-50.json'), p50);
  await writeJson(path.join(outDir, 'cyclic.json'), cyc);

  const rows = trace2000();
  writeParquet(path.join(outDir, 'trace-2000.parquet'), traceTable(rows));
  fs.writeFileSync(path.join(outDir, 'trace-2000.csv'), traceCsv(rows));
  const queries = new Set(rows.map((x) => x.query_id)).size;

  await writeJson(path.join(outDir, 'index.json'), {
    samples: [
      {
        file: 'three-executors.json',
        title: 'Three executors',
        description: 'Start → GetVertices → Produce: the smallest schedule (edge-list shape, no timings).',
        kind: 'schedule',
        format: 'json',
        executors: 3,
      },
      {
        file: 'graph-query-20.json',
        title: 'Graph query, 20 executors',
        description:
          "Scan, get-neighbors, filter, project, a hash join, aggregate, sort, limit (the engine's own dependencies/successors shape).",
        kind: 'schedule',
        format: 'json',
        executors: 20,
      },
      {
        file: 'parallel-50.json',
        title: 'Parallel branches, 50 executors with timings',
        description:
          'Four parallel branches joined, with start_us/end_us and row counts: waves by timings and a critical path in µs.',
        kind: 'schedule',
        format: 'json',
        executors: 50,
      },
      {
        file: 'cyclic.json',
        title: 'A cyclic schedule (error)',
        description:
          'Executors 4, 7 and 9 wait for each other: validation names the cycle and the waves stop.',
        kind: 'schedule',
        format: 'json',
        executors: 10,
      },
      {
        file: 'trace-2000.parquet',
        title: `Trace: 2,000 executors in ${queries} queries (Parquet)`,
        description:
          'One row per executor per query; deps as list<int64>. Query 7 uses executor ids beyond 2^53.',
        kind: 'trace',
        format: 'parquet',
        executors: rows.length,
        queries,
      },
      {
        file: 'trace-2000.csv',
        title: `Trace: 2,000 executors in ${queries} queries (CSV)`,
        description: 'The same trace as CSV; deps as text "[1,2]" (DuckDB casts it with deps::BIGINT[]).',
        kind: 'trace',
        format: 'csv',
        executors: rows.length,
        queries,
      },
    ],
  });

  // Format examples for docs/formats (the same executors in both JSON shapes, and a small trace).
  await writeJson(path.join(examplesDir, 'schedule-edge-list.json'), three);
  await writeJson(path.join(examplesDir, 'schedule-engine.json'), {
    root_executor_id: three.root_executor_id,
    executors: three.executors,
    dependencies: [
      { executor_id: 1, dependencies: [], successors: [2] },
      { executor_id: 2, dependencies: [1], successors: [3] },
      { executor_id: 3, dependencies: [2], successors: [] },
    ],
  });
  await writeJson(path.join(examplesDir, 'schedule-with-timings.json'), p50);
  fs.writeFileSync(path.join(examplesDir, 'trace.csv'), traceCsv(rows.filter((x) => x.query_id <= 2n)));
  console.log(
    `wrote ${path.relative(root, outDir)}: 4 schedules, trace of ${rows.length} executors in ${queries} queries`,
  );
}

await main();
