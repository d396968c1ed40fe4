#!/usr/bin/env node
// Generates a deterministic AI memory store as Parquet (see docs/benchmarks.md and docs/architecture.md, "Data model").
//
//   node scripts/generate-memory-store.mjs --sample            public/sample/*.parquet + manifest.json
//   node scripts/generate-memory-store.mjs --bench [--sizes 10k,100k,1m] [--force]
//                                                              bench/data/memories-<size>.parquet
//   node scripts/generate-memory-store.mjs --out DIR --rows N [--row-group N] [--seed N]
//                                                              a sample-shaped store of N rows in DIR
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CATEGORIES } from './lib/memory-vocab.mjs';
import { GENERATOR_VERSION, writeStore } from './lib/memory-store.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEED = 20261121;
const SAMPLE_ROWS = 3200;
const SAMPLE_ROW_GROUP = 500;

export function parseSize(s) {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(s.trim());
  if (!m) throw new Error(`bad size "${s}" (use e.g. 10k, 100k, 1m)`);
  return Math.round(Number(m[1]) * { '': 1, k: 1e3, m: 1e6 }[m[2].toLowerCase()]);
}

/** Category files shaped like the bundled sample: rows split by the categories' weights. */
async function writeCategoryStore(dir, { rows, seed, rowGroupRows }) {
  const files = [];
  let start = 0;
  for (const [i, cat] of CATEGORIES.entries()) {
    const n = i === CATEGORIES.length - 1 ? rows - start : Math.round(rows * cat.weight);
    const t0 = performance.now();
    const res = await writeStore(path.join(dir, `${cat.name}.parquet`), {
      rows: n,
      seed: seed + i,
      category: cat.name,
      rowGroupRows,
    });
    start += n;
    files.push({
      name: `${cat.name}.parquet`,
      url: `${cat.name}.parquet`,
      category: cat.name,
      rows: n,
      bytes: res.bytes,
    });
    log(`${path.relative(root, res.file)}: ${n} rows, ${mb(res.bytes)} in ${secs(t0)}`);
  }
  const manifest = {
    description: 'Generated memory store bundled with memscope; url is relative to this manifest.',
    generator: 'scripts/generate-memory-store.mjs',
    version: GENERATOR_VERSION,
    seed,
    files,
  };
  fs.writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

async function writeBenchFile(size, { force }) {
  const rows = parseSize(size);
  const file = path.join(root, 'bench', 'data', `memories-${size.toLowerCase()}.parquet`);
  const metaFile = `${file}.json`;
  const want = { version: GENERATOR_VERSION, seed: SEED, rows };
  if (!force && fs.existsSync(file) && fs.existsSync(metaFile)) {
    const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8'));
    const same = meta.version === want.version && meta.seed === want.seed && meta.rows === want.rows;
    if (same && meta.bytes === fs.statSync(file).size) {
      log(`${path.relative(root, file)}: up to date (${rows} rows, ${mb(meta.bytes)})`);
      return { file, rows, bytes: meta.bytes, skipped: true };
    }
  }
  const t0 = performance.now();
  let lastLog = 0;
  const res = await writeStore(file, {
    rows,
    seed: SEED,
    idDigits: 7,
    onRowGroup(done, total) {
      if (performance.now() - lastLog > 5000) {
        lastLog = performance.now();
        log(`  ${path.basename(file)}: ${done}/${total} rows, ${secs(t0)}`);
      }
    },
  });
  fs.writeFileSync(metaFile, `${JSON.stringify({ ...want, bytes: res.bytes }, null, 2)}\n`);
  log(`${path.relative(root, file)}: ${rows} rows, ${mb(res.bytes)} in ${secs(t0)}`);
  return res;
}

const log = (s) => console.log(s);
const mb = (b) => `${(b / 1e6).toFixed(1)} MB`;
const secs = (t0) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

async function main() {
  const { values } = parseArgs({
    options: {
      sample: { type: 'boolean' },
      bench: { type: 'boolean' },
      sizes: { type: 'string', default: '10k,100k,1m' },
      force: { type: 'boolean' },
      out: { type: 'string' },
      rows: { type: 'string' },
      'row-group': { type: 'string' },
      seed: { type: 'string' },
    },
  });
  const seed = values.seed ? Number(values.seed) : SEED;
  if (values.sample) {
    await writeCategoryStore(path.join(root, 'public', 'sample'), {
      rows: SAMPLE_ROWS,
      seed,
      rowGroupRows: SAMPLE_ROW_GROUP,
    });
  }
  if (values.bench) {
    for (const size of values.sizes.split(',').filter(Boolean)) await writeBenchFile(size, values);
  }
  if (values.out) {
    await writeCategoryStore(path.resolve(values.out), {
      rows: parseSize(values.rows ?? '2000'),
      seed,
      rowGroupRows: parseSize(values['row-group'] ?? '10k'),
    });
  }
  if (!values.sample && !values.bench && !values.out) {
    console.error(
      'usage: generate-memory-store.mjs --sample | --bench [--sizes 10k,100k,1m] | --out DIR --rows N',
    );
    process.exitCode = 2;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
