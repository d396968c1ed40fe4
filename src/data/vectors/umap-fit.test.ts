import { describe, expect, it } from 'vitest';
import { fitUmap, type UmapProgress } from './umap-fit';

/** `clusters` tight groups of `per` vectors in `dim` dimensions around random unit directions. */
function clustered(clusters: number, per: number, dim: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
  const centres = Array.from({ length: clusters }, () => Array.from({ length: dim }, rand));
  const out = new Float32Array(clusters * per * dim);
  for (let c = 0; c < clusters; c++)
    for (let p = 0; p < per; p++)
      for (let j = 0; j < dim; j++) out[(c * per + p) * dim + j] = (centres[c]![j] as number) + 0.05 * rand();
  return out;
}

describe('fitUmap', () => {
  it.each([
    [0, 4],
    [1, 4],
    [2, 4],
  ])('%i rows are placed without UMAP', (n, dim) => {
    const xy = fitUmap(new Float32Array(n * dim).fill(1), dim);
    expect(Array.from(xy)).toEqual(Array.from({ length: 2 * n }, (_, i) => (i % 2 === 0 ? i / 2 : 0)));
  });

  it('keeps clusters together: each point’s nearest neighbour on the map is of its cluster', () => {
    const per = 40;
    const data = clustered(3, per, 16, 7);
    const seen: UmapProgress[] = [];
    const xy = fitUmap(data, 16, { nNeighbors: 10, seed: 1, onProgress: (p) => seen.push(p) });
    expect(seen[0]?.phase).toBe('neighbours');
    expect(seen.some((p) => p.phase === 'layout')).toBe(true);
    const n = xy.length / 2;
    expect(n).toBe(3 * per);
    let same = 0;
    for (let i = 0; i < n; i++) {
      let best = -1;
      let bestD = Infinity;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        const d =
          ((xy[2 * i] as number) - (xy[2 * j] as number)) ** 2 +
          ((xy[2 * i + 1] as number) - (xy[2 * j + 1] as number)) ** 2;
        if (d < bestD) [best, bestD] = [j, d];
      }
      if (Math.floor(best / per) === Math.floor(i / per)) same++;
    }
    expect(same / n).toBeGreaterThanOrEqual(0.95);
    expect(xy.every(Number.isFinite)).toBe(true);
  });

  it('is deterministic for a seed', () => {
    const data = clustered(2, 20, 8, 3);
    expect(fitUmap(data, 8, { seed: 5 })).toEqual(fitUmap(data, 8, { seed: 5 }));
  });
});
