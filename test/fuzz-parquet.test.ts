import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { MemscopeError } from '../src/core/errors';
import { WorkerParquetSource } from '../src/data/parquet/worker-source';
import type { DecodeBudgets } from '../src/data/parquet/parquet-reader';
import { nodeParquetWorkers, type NodeWorkerFactory } from './support/node-worker';
import { caseSeed, mulberry32, mutate } from './support/parquet-mutations';
import { CORPUS_DIR, DECODE_ERROR_CODES, corpusPath, loadManifest } from './support/corpus';

/**
 * Fuzzing in every `npm test` (issue 10, item 10): damaged copies of the bundled sample and of
 * corpus files (bit flips in the footer, page headers or anywhere; truncations; footer length
 * lies; pages swapped) go through the browser's decode path (WorkerParquetSource: time and size
 * budgets, a trapped worker replaced, failures located; the parquet worker's own API in a Node
 * worker thread). Every case must end in rows (as many as the footer says) or a typed
 * MemscopeError naming the file, never an untyped error, an unhandled rejection or a hang.
 *
 *   FUZZ_SEED=<n>   another run (default: a fixed seed, so CI is reproducible)
 *   FUZZ_CASES=<n>  how many cases (default 200)
 *   FUZZ_CASE=<i>   only case i of the seed (what a failure report tells you to run)
 *   FUZZ_VERBOSE=1  print every case's input, mutation and outcome
 */

const DEFAULT_SEED = 20261130;
const SEED = Number(process.env.FUZZ_SEED ?? DEFAULT_SEED);
const CASES = Number(process.env.FUZZ_CASES ?? 200);
const ONLY = process.env.FUZZ_CASE === undefined ? null : Number(process.env.FUZZ_CASE);
/** Tighter than the app's (768 MiB, 30 s): the inputs are small, a bomb must be cut short. */
const BUDGETS: DecodeBudgets = { maxReadBytes: 64 * 1024 * 1024, timeoutMs: 8_000 };

const ROOT = resolve(import.meta.dirname, '..');

interface Input {
  name: string;
  bytes: Uint8Array;
}

/** The bundled sample, the small Parquet files of test/data, and small corpus files that read. */
function loadInputs(): Input[] {
  const files: string[] = [];
  const sample = join(ROOT, 'public/sample');
  for (const f of readdirSync(sample).sort()) if (f.endsWith('.parquet')) files.push(join(sample, f));
  const bundled = join(ROOT, 'test/data/parquet-testing');
  if (existsSync(bundled))
    for (const f of readdirSync(bundled).sort())
      if (/^(alltypes_plain|nested_lists|dict-page-offset-zero|int96_from_spark)/.test(f))
        files.push(join(bundled, f));
  if (existsSync(join(CORPUS_DIR, 'MANIFEST.json'))) {
    for (const e of loadManifest()) {
      if (e.expect === 'reads' && e.bytes < 100_000 && e.file.startsWith('parquet-testing/data/'))
        files.push(corpusPath(e.file));
    }
  }
  return files.map((path) => ({
    name: path.slice(path.lastIndexOf('/') + 1),
    bytes: new Uint8Array(readFileSync(path)),
  }));
}

type Outcome = { rows: number; footerRows: number } | { error: unknown } | { hang: true };

async function decodeAll(source: WorkerParquetSource): Promise<{ rows: number; footerRows: number }> {
  const footer = await source.footer();
  let rows = 0;
  for (let rg = 0; rg < footer.rowGroups.length; rg++)
    rows += tableFromIPC(await source.read({ rowGroups: [rg] })).numRows;
  return { rows, footerRows: footer.rows };
}

/**
 * A hang guard, not a timing assertion: the source's own budget stops every request (plus one
 * budget for locating a failure); this only catches a path that never settles at all.
 */
function guard<T>(work: Promise<T>, ms: number): Promise<T | { hang: true }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<{ hang: true }>((r) => {
    timer = setTimeout(() => r({ hang: true }), ms);
  });
  return Promise.race([work, hang]).finally(() => clearTimeout(timer));
}

function problemWith(outcome: Outcome, name: string): string | null {
  if ('hang' in outcome) return 'no answer: a hang past every budget';
  if ('rows' in outcome)
    return outcome.rows === outcome.footerRows
      ? null
      : `read ${outcome.rows} rows where the footer says ${outcome.footerRows}`;
  const err = outcome.error;
  if (!(err instanceof MemscopeError)) return `untyped error: ${String(err)}`;
  if (!DECODE_ERROR_CODES.includes(err.code)) return `error code ${err.code}: ${err.message}`;
  if (err.file !== name || !err.message.includes(name)) return `error does not name the file: ${err.message}`;
  if (!err.hint) return `error without a hint: ${err.message}`;
  return null;
}

describe('fuzz: damaged Parquet files through the worker decode path', () => {
  let factory: NodeWorkerFactory;
  let inputs: Input[];
  const escaped: unknown[] = [];
  const onEscape = (e: unknown) => escaped.push(e);

  beforeAll(async () => {
    factory = await nodeParquetWorkers({ reuse: true });
    inputs = loadInputs();
    process.on('unhandledRejection', onEscape);
    process.on('uncaughtException', onEscape);
  });

  afterAll(() => {
    process.off('unhandledRejection', onEscape);
    process.off('uncaughtException', onEscape);
    factory?.dispose();
  });

  it(`${ONLY === null ? CASES : 1} case(s) from seed ${SEED}: rows or a typed error, never a hang`, async () => {
    const indices = ONLY === null ? Array.from({ length: CASES }, (_, i) => i) : [ONLY];
    const failures: string[] = [];
    const tally = new Map<string, number>();
    // Two cases at a time: one decodes while the other's worker starts or its reply is read.
    let next = 0;
    const lane = async () => {
      while (next < indices.length) {
        const index = indices[next++] as number;
        const rng = mulberry32(caseSeed(SEED, index));
        const input = inputs[Math.floor(rng() * inputs.length)] as Input;
        const { bytes, what } = mutate(input.bytes, rng);
        const source = new WorkerParquetSource(new Blob([bytes as BlobPart]), input.name, BUDGETS, factory);
        const outcome: Outcome = await guard(
          decodeAll(source).catch((error: unknown) => ({ error })),
          BUDGETS.timeoutMs * 12,
        );
        source.close();
        const key =
          'error' in outcome && outcome.error instanceof MemscopeError
            ? outcome.error.code
            : 'rows' in outcome
              ? 'rows'
              : 'other';
        tally.set(key, (tally.get(key) ?? 0) + 1);
        if (process.env.FUZZ_VERBOSE)
          console.info(
            `case ${index} ${input.name} ${what}: ${key}`,
            'error' in outcome ? String(outcome.error) : '',
          );
        const problem = problemWith(outcome, input.name);
        if (problem) {
          failures.push(
            `case ${index} (${input.name}, ${what}): ${problem}\n` +
              `  reproduce: FUZZ_SEED=${SEED} FUZZ_CASE=${index} npx vitest run test/fuzz-parquet.test.ts`,
          );
        }
      }
    };
    await Promise.all([lane(), lane()]);
    console.info(
      `fuzz seed ${SEED}: ${indices.length} cases over ${inputs.length} files, ${factory.started()} worker threads;`,
      Object.fromEntries([...tally].sort()),
    );
    expect(escaped.map(String)).toEqual([]);
    expect(failures, `seed ${SEED}:\n${failures.join('\n')}`).toEqual([]);
    // The fuzz must exercise both sides: damaged files that still read and ones refused.
    if (ONLY === null) {
      expect(tally.get('rows') ?? 0).toBeGreaterThan(0);
      expect(indices.length - (tally.get('rows') ?? 0)).toBeGreaterThan(0);
    }
  }, 300_000);
});
