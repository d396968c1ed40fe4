// Integration: the shipped Plans samples read through the real decoders (parquet-wasm -> Arrow ->
// parseTraceTable, CSV text -> parseTraceTable, JSON -> parseScheduleText) and the plan core.
import fs from 'node:fs';
import path from 'node:path';
import * as arrow from 'apache-arrow';
import * as pq from 'parquet-wasm';
import { describe, expect, it } from 'vitest';
import { computeCriticalPath } from '../src/core/plan/critical-path';
import { buildMemorySummary } from '../src/core/plan/memory/memory-summary';
import { simulateScheduleMemory } from '../src/core/plan/memory/simulate-memory';
import { parseScheduleText } from '../src/core/plan/parse-schedule';
import { parseTraceTable } from '../src/core/plan/parse-trace-table';
import { computeWaves } from '../src/core/plan/waves';
import type { ParsedTrace, TraceColumns } from '../src/core/plan/types';

const dir = path.resolve(__dirname, '..', 'public', 'samples', 'plans');
const index = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8')) as {
  samples: {
    file: string;
    title: string;
    kind: string;
    format: string;
    executors: number;
    queries?: number;
  }[];
};

const COLUMNS = [
  'query_id',
  'executor_id',
  'kind',
  'size_bytes',
  'align',
  'deps',
  'start_us',
  'end_us',
  'rows',
  'holds_heap',
];

function readParquetTrace(file: string): ParsedTrace {
  const wasmTable = pq.readParquet(new Uint8Array(fs.readFileSync(file)));
  const table = arrow.tableFromIPC(wasmTable.intoIPCStream());
  const columns = Object.fromEntries(COLUMNS.map((name) => [name, table.getChild(name)!]));
  return parseTraceTable(columns as unknown as TraceColumns);
}

function readCsvTrace(file: string): ParsedTrace {
  const [head, ...lines] = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
  const names = head!.split(',');
  const cells = lines.map((line) =>
    line.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '')),
  );
  const columns = Object.fromEntries(names.map((name, k) => [name, cells.map((row) => row[k])]));
  return parseTraceTable(columns as unknown as TraceColumns);
}

describe('Plans samples', () => {
  it('index.json lists every sample file', () => {
    for (const s of index.samples) expect(fs.existsSync(path.join(dir, s.file)), s.file).toBe(true);
  });

  it.each(
    index.samples
      .filter((s) => s.format === 'json' && !s.file.startsWith('cyclic'))
      .map((s) => [s.file, s.executors] as const),
  )('%s is a valid schedule of %i executors', (file, executors) => {
    const parsed = parseScheduleText(fs.readFileSync(path.join(dir, file), 'utf8'));
    expect(parsed.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(parsed.schedule.executors).toHaveLength(executors);
    const waves = computeWaves(parsed.schedule);
    expect(waves.neverRunnable).toEqual([]);
    const summary = buildMemorySummary(
      parsed.schedule,
      waves,
      computeCriticalPath(parsed.schedule),
      simulateScheduleMemory(parsed.schedule),
    );
    expect(summary.executors).toBe(executors);
    expect(summary.arena.chunks.length).toBeGreaterThan(0);
  });

  it('parallel-50 plays by timings and has parallel waves', () => {
    const parsed = parseScheduleText(fs.readFileSync(path.join(dir, 'parallel-50.json'), 'utf8'));
    expect(parsed.problems).toEqual([]);
    const waves = computeWaves(parsed.schedule);
    expect(waves.mode).toBe('timings');
    expect(waves.maxParallelism).toBeGreaterThanOrEqual(4);
    expect(computeCriticalPath(parsed.schedule).unit).toBe('us');
  });

  it('cyclic.json names its cycle', () => {
    const parsed = parseScheduleText(fs.readFileSync(path.join(dir, 'cyclic.json'), 'utf8'));
    expect(parsed.problems.find((p) => p.code === 'cycle')!.message).toMatch(/^cycle: 4 → 7 → 9 → 4/);
    expect(computeWaves(parsed.schedule).neverRunnable).toEqual(
      expect.arrayContaining(['4', '7', '9', '8', '10']),
    );
  });

  it('the Parquet trace reads into one valid schedule per query, ids beyond 2^53 exact', () => {
    const meta = index.samples.find((s) => s.file === 'trace-2000.parquet')!;
    const trace = readParquetTrace(path.join(dir, meta.file));
    expect(trace.problems).toEqual([]);
    expect(trace.queries).toHaveLength(meta.queries!);
    expect(trace.queries.reduce((s, q) => s + q.rowCount, 0)).toBe(2000);
    for (const q of trace.queries) expect(q.parsed.problems, `query ${q.queryId}`).toEqual([]);
    const q7 = trace.queries.find((q) => q.queryId === '7')!.parsed.schedule;
    expect(q7.executors[0]!.id).toBe('9007199254740993');
  });

  it('the CSV trace reads into the same schedules as the Parquet one', () => {
    const fromParquet = readParquetTrace(path.join(dir, 'trace-2000.parquet'));
    const fromCsv = readCsvTrace(path.join(dir, 'trace-2000.csv'));
    expect(fromCsv.queries.map((q) => q.parsed.schedule)).toEqual(
      fromParquet.queries.map((q) => q.parsed.schedule),
    );
  });
});
