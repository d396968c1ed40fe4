// Builds memory-store rows as Arrow record batches and streams them into Parquet with parquet-wasm.
// One record batch becomes one row group, so memory stays bounded by one row group however many
// rows a file has (the 1M-row benchmark file is ~1.5 GB).
import fs from 'node:fs';
import path from 'node:path';
import * as arrow from 'apache-arrow';
import * as pq from 'parquet-wasm';
import { CATEGORIES, DAYS, TEMPLATES, TOPICS, WHEN } from './memory-vocab.mjs';
import { mulberry32 } from './mulberry32.mjs';

export const DIM = 384;
export const GENERATOR_VERSION = 1;

// Embedding model: unit topic centroids plus a smaller per-category direction, then per-row noise.
// With NOISE = 0.056, |noise|^2 ~ 0.056^2 * 384 ~ 1.2, so two rows of one topic have cosine ~0.45
// and rows of different topics ~0.0-0.05: clearly separated, yet not identical.
const CATEGORY_WEIGHT = 0.25;
const NOISE = 0.056;

/** The seeded random stream of the memory-store generator (mulberry32) with its helpers. */
export function rng(seed) {
  const next = mulberry32(seed);
  let spare = NaN;
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    gauss() {
      if (!Number.isNaN(spare)) {
        const s = spare;
        spare = NaN;
        return s;
      }
      // Box-Muller; 1 - u keeps log() away from 0.
      const r = Math.sqrt(-2 * Math.log(1 - next()));
      const th = 2 * Math.PI * next();
      spare = r * Math.sin(th);
      return r * Math.cos(th);
    },
  };
}

/** Mixes integers into one 32-bit seed (so each row group has its own independent stream). */
export function mixSeed(...xs) {
  let h = 0x811c9dc5;
  for (const x of xs) {
    h = Math.imul(h ^ (x >>> 0), 0x01000193) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 0x5bd1e995) >>> 0;
  }
  return h;
}

function unitVector(r) {
  const v = new Float32Array(DIM);
  let norm = 0;
  for (let i = 0; i < DIM; i++) {
    v[i] = r.gauss();
    norm += v[i] * v[i];
  }
  norm = Math.sqrt(norm);
  for (let i = 0; i < DIM; i++) v[i] /= norm;
  return v;
}

let directions = null;
function centroids() {
  if (!directions) {
    const r = rng(0x5eed);
    directions = {
      topics: TOPICS.map(() => unitVector(r)),
      categories: CATEGORIES.map(() => unitVector(r)),
    };
  }
  return directions;
}

const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);

function sentence(r, template, topic) {
  const e = r.pick(topic.entities);
  let e2 = r.pick(topic.entities);
  if (e2 === e) e2 = topic.entities[(topic.entities.indexOf(e) + 1) % topic.entities.length];
  const n = r.pick(topic.nouns);
  let n2 = r.pick(topic.nouns);
  if (n2 === n) n2 = topic.nouns[(topic.nouns.indexOf(n) + 1) % topic.nouns.length];
  const when = r.pick(WHEN);
  const values = {
    e,
    e2,
    e_cap: cap(e),
    n,
    n2,
    v: r.pick(topic.verbs),
    a: r.pick(topic.adjs),
    o: r.pick(topic.outcomes),
    act: r.pick(topic.actions),
    when,
    when_cap: cap(`last ${when}`),
    day: r.pick(DAYS),
  };
  return { text: template.replace(/\{(\w+)\}/g, (_, k) => values[k]), e, e2, n };
}

const START_MS = Date.UTC(2024, 0, 1);
const SPAN_MS = Date.UTC(2026, 9, 31) - START_MS;
const DAY_MS = 86_400_000;
const encoder = new TextEncoder();

/**
 * One row group of memories as an Arrow RecordBatch.
 * @param {object} o
 * @param {number} o.start first global row index (ids are numbered from it)
 * @param {number} o.count rows in this batch
 * @param {number} o.seed store seed
 * @param {string|null} o.category fixed category, or null to draw one per row by weight
 * @param {number} o.idDigits zero padding of the numeric part of memory_id
 */
export function makeBatch({ start, count, seed, category, idDigits }) {
  const r = rng(mixSeed(seed, start, count));
  const { topics: topicDirs, categories: catDirs } = centroids();
  const ids = new Array(count);
  const cats = new Array(count);
  const topicNames = new Array(count);
  const contents = new Array(count);
  const summaries = new Array(count);
  const entities = new Array(count);
  const diffs = new Array(count);
  const embedding = new Float32Array(count * DIM);
  const created = new BigInt64Array(count);
  const updated = new BigInt64Array(count);
  const importance = new Float32Array(count);
  const accessCount = new Int32Array(count);

  for (let i = 0; i < count; i++) {
    let ci = category ? CATEGORIES.findIndex((c) => c.name === category) : -1;
    if (ci < 0) {
      let u = r.next();
      ci = 0;
      while (ci < CATEGORIES.length - 1 && u >= CATEGORIES[ci].weight) u -= CATEGORIES[ci++].weight;
    }
    const cat = CATEGORIES[ci];
    const ti = r.int(TOPICS.length);
    const topic = TOPICS[ti];
    const s = sentence(r, r.pick(TEMPLATES[cat.name]), topic);

    ids[i] = `${cat.prefix}-${String(start + i).padStart(idDigits, '0')}`;
    cats[i] = cat.name;
    topicNames[i] = topic.name;
    contents[i] = s.text;
    summaries[i] = `${cap(topic.name)}: ${s.n} (${s.e})`;

    const ents = [s.e];
    if (s.e2 !== s.e && r.next() < 0.6) ents.push(s.e2);
    const extra = r.int(4);
    for (let k = 0; k < extra && ents.length < 5; k++) {
      const x = r.pick(topic.entities);
      if (!ents.includes(x)) ents.push(x);
    }
    entities[i] = ents;

    const c0 = START_MS + Math.floor(r.next() * SPAN_MS);
    const edited = r.next() < 0.7;
    const u0 = edited ? c0 + Math.floor(r.next() * 60 * DAY_MS) : c0;
    created[i] = BigInt(c0);
    updated[i] = BigInt(u0);
    if (edited) {
      const previous = sentence(r, r.pick(TEMPLATES[cat.name]), topic).text;
      const patch = [{ op: 'replace', path: '/content', value: previous }];
      if (ents.length > 1 && r.next() < 0.4)
        patch.push({ op: 'remove', path: `/entities/${ents.length - 1}` });
      if (r.next() < 0.3)
        patch.push({ op: 'replace', path: '/importance', value: Math.round(r.next() * 100) / 100 });
      diffs[i] = encoder.encode(JSON.stringify(patch));
    } else {
      diffs[i] = null; // never edited: no diff (NULL, distinct from an empty patch)
    }
    importance[i] = Math.round(Math.min(1, Math.max(0, 0.5 + 0.2 * r.gauss())) * 1000) / 1000;
    accessCount[i] = Math.floor(Math.exp(r.next() * 6)) - 1;

    const v = embedding.subarray(i * DIM, (i + 1) * DIM);
    const td = topicDirs[ti];
    const cd = catDirs[ci];
    let norm = 0;
    for (let d = 0; d < DIM; d++) {
      const x = td[d] + CATEGORY_WEIGHT * cd[d] + NOISE * r.gauss();
      v[d] = x;
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    for (let d = 0; d < DIM; d++) v[d] /= norm;
  }

  const utf8 = (xs) => arrow.vectorFromArray(xs, new arrow.Utf8()).data[0];
  const columns = [
    ['memory_id', utf8(ids), false],
    ['category', utf8(cats), false],
    ['topic', utf8(topicNames), false],
    ['content', utf8(contents), false],
    ['summary', utf8(summaries), false],
    [
      'entities',
      arrow.vectorFromArray(entities, new arrow.List(new arrow.Field('item', new arrow.Utf8(), true)))
        .data[0],
      false,
    ],
    [
      'embedding',
      arrow.makeData({
        type: new arrow.FixedSizeList(DIM, new arrow.Field('item', new arrow.Float32(), false)),
        length: count,
        nullCount: 0,
        child: arrow.makeData({ type: new arrow.Float32(), length: count * DIM, data: embedding }),
      }),
      false,
    ],
    ['diff_data', arrow.vectorFromArray(diffs, new arrow.Binary()).data[0], true],
    [
      'created_at',
      arrow.makeData({ type: new arrow.TimestampMillisecond('UTC'), length: count, data: created }),
      false,
    ],
    [
      'updated_at',
      arrow.makeData({ type: new arrow.TimestampMillisecond('UTC'), length: count, data: updated }),
      false,
    ],
    ['importance', arrow.makeData({ type: new arrow.Float32(), length: count, data: importance }), false],
    ['access_count', arrow.makeData({ type: new arrow.Int32(), length: count, data: accessCount }), false],
  ];
  const fields = columns.map(([name, data, nullable]) => new arrow.Field(name, data.type, nullable));
  const struct = arrow.makeData({
    type: new arrow.Struct(fields),
    length: count,
    nullCount: 0,
    children: columns.map(([, data]) => data),
  });
  return new arrow.RecordBatch(new arrow.Schema(fields), struct);
}

/**
 * Streams `rows` memories into a Parquet file at `file` (written to a temp name, then renamed, so a
 * half-written file never looks finished).
 */
export async function writeStore(
  file,
  { rows, seed, category = null, rowGroupRows = 10_000, idDigits = 6, onRowGroup },
) {
  const props = new pq.WriterPropertiesBuilder()
    .setCompression(pq.Compression.ZSTD)
    .setMaxRowGroupSize(rowGroupRows)
    // Float vectors are all distinct: a dictionary only adds a page plus indices (+50% here). Nested
    // columns cannot be named in parquet-wasm's per-column setters (the path is taken as one
    // segment), so dictionaries are off by default and on for the low-cardinality columns.
    .setDictionaryEnabled(false)
    .setColumnDictionaryEnabled('category', true)
    .setColumnDictionaryEnabled('topic', true)
    .setCreatedBy('memscope generate-memory-store')
    .build();
  let start = 0;
  const source = new ReadableStream({
    pull(controller) {
      if (start >= rows) {
        controller.close();
        return;
      }
      const count = Math.min(rowGroupRows, rows - start);
      const batch = makeBatch({ start, count, seed, category, idDigits });
      start += count;
      const wasmTable = pq.Table.fromIPCStream(arrow.tableToIPC(new arrow.Table(batch), 'stream'));
      controller.enqueue(wasmTable.recordBatch(0));
      wasmTable.free();
      onRowGroup?.(start, rows);
    },
  });
  const out = await pq.transformParquetStream(source, props);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  const fh = await fs.promises.open(tmp, 'w');
  try {
    for await (const chunk of out) await fh.write(chunk);
  } finally {
    await fh.close();
  }
  fs.renameSync(tmp, file);
  return { file, rows, bytes: fs.statSync(file).size };
}
