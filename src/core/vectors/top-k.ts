import { higherIsBetter, type Metric } from './metric';

/**
 * A bounded heap keeping the k best (key, id) pairs seen, larger key first, smaller id first on
 * equal keys (so results are deterministic). The root is the worst kept pair: a new pair enters
 * only when it beats the root, so a scan costs O(n) comparisons plus O(log k) per entry.
 */
export class BoundedHeap {
  readonly keys: Float64Array;
  readonly ids: Float64Array;
  size = 0;

  constructor(readonly capacity: number) {
    this.keys = new Float64Array(Math.max(0, capacity));
    this.ids = new Float64Array(Math.max(0, capacity));
  }

  /** The worst kept key, or −Infinity while the heap is not full. */
  get threshold(): number {
    return this.size < this.capacity ? Number.NEGATIVE_INFINITY : (this.keys[0] as number);
  }

  /** a ranks below b. */
  private worse(ka: number, ia: number, kb: number, ib: number): boolean {
    return ka < kb || (ka === kb && ia > ib);
  }

  push(key: number, id: number): void {
    if (this.capacity === 0 || key !== key) return; // NaN never ranks
    const { keys, ids } = this;
    if (this.size < this.capacity) {
      let i = this.size++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!this.worse(key, id, keys[p] as number, ids[p] as number)) break;
        keys[i] = keys[p] as number;
        ids[i] = ids[p] as number;
        i = p;
      }
      keys[i] = key;
      ids[i] = id;
      return;
    }
    if (!this.worse(keys[0] as number, ids[0] as number, key, id)) return;
    // Replace the root and sift down.
    let i = 0;
    const n = this.size;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && this.worse(keys[r] as number, ids[r] as number, keys[l] as number, ids[l] as number))
        c = r;
      if (!this.worse(keys[c] as number, ids[c] as number, key, id)) break;
      keys[i] = keys[c] as number;
      ids[i] = ids[c] as number;
      i = c;
    }
    keys[i] = key;
    ids[i] = id;
  }

  /** The kept pairs, best first. */
  sorted(): { keys: Float64Array; ids: Float64Array } {
    const order = Array.from({ length: this.size }, (_, i) => i).sort((a, b) => {
      const ka = this.keys[a] as number;
      const kb = this.keys[b] as number;
      return kb - ka || (this.ids[a] as number) - (this.ids[b] as number);
    });
    return {
      keys: Float64Array.from(order, (i) => this.keys[i] as number),
      ids: Float64Array.from(order, (i) => this.ids[i] as number),
    };
  }
}

/** One ranked list: `__row`s with their exact scores, best first. */
export interface RankedList {
  rows: Float64Array;
  scores: Float64Array;
}

export interface MergedList extends RankedList {
  /** Index (into the merged lists) of the list each result came from: its worker or its file. */
  sources: Int32Array;
}

/** Compares two results by score (the metric's direction), then `__row`, then source. */
function compareResults(metric: Metric) {
  const sign = higherIsBetter(metric) ? -1 : 1;
  return (sa: number, ra: number, oa: number, sb: number, rb: number, ob: number): number =>
    sign * (sa - sb) || ra - rb || oa - ob;
}

/**
 * Merges ranked lists (one per worker, or one per file) into the best k. Each list is sorted by
 * the same order, so a k-way merge of the heads is enough: O(k · lists).
 */
export function mergeTopK(lists: readonly RankedList[], k: number, metric: Metric): MergedList {
  const cmp = compareResults(metric);
  const heads = lists.map(() => 0);
  const total = lists.reduce((n, l) => n + l.rows.length, 0);
  const n = Math.min(Math.max(0, k), total);
  const rows = new Float64Array(n);
  const scores = new Float64Array(n);
  const sources = new Int32Array(n);
  for (let out = 0; out < n; out++) {
    let best = -1;
    for (let s = 0; s < lists.length; s++) {
      const l = lists[s] as RankedList;
      const h = heads[s] as number;
      if (h >= l.rows.length) continue;
      if (best < 0) {
        best = s;
        continue;
      }
      const b = lists[best] as RankedList;
      const hb = heads[best] as number;
      if (
        cmp(
          l.scores[h] as number,
          l.rows[h] as number,
          s,
          b.scores[hb] as number,
          b.rows[hb] as number,
          best,
        ) < 0
      )
        best = s;
    }
    const l = lists[best] as RankedList;
    const h = heads[best] as number;
    rows[out] = l.rows[h] as number;
    scores[out] = l.scores[h] as number;
    sources[out] = best;
    heads[best] = h + 1;
  }
  return { rows, scores, sources };
}
