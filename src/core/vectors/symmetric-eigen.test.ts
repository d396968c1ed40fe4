import { describe, expect, it } from 'vitest';
import { symmetricEigen } from './symmetric-eigen';
import { randomVectors } from './test-vectors';

function symmetric(seed: number, n: number): Float64Array {
  const r = randomVectors(seed, n, n);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) a[i * n + j] = (r[i * n + j] as number) + (r[j * n + i] as number);
  return a;
}

describe('symmetricEigen', () => {
  it.each([
    { name: '1 x 1', n: 1, a: () => Float64Array.of(5) },
    {
      name: 'diagonal with a repeated eigenvalue',
      n: 4,
      a: () => Float64Array.of(2, 0, 0, 0, 0, 7, 0, 0, 0, 0, 2, 0, 0, 0, 0, -1),
    },
    { name: 'all zeros', n: 3, a: () => new Float64Array(9) },
    { name: 'random 10 x 10', n: 10, a: () => symmetric(1, 10) },
    { name: 'random 96 x 96', n: 96, a: () => symmetric(2, 96) },
  ])('$name: A v = λ v, V orthonormal, values ascending', ({ n, a }) => {
    const m = a();
    const { values, vectors } = symmetricEigen(m, n);
    for (let j = 1; j < n; j++) expect(values[j]).toBeGreaterThanOrEqual(values[j - 1] as number);
    const scale = Math.max(1, ...Array.from(values, Math.abs));
    for (let c = 0; c < n; c++) {
      for (let i = 0; i < n; i++) {
        let av = 0;
        for (let k = 0; k < n; k++) av += (m[i * n + k] as number) * (vectors[k * n + c] as number);
        expect(Math.abs(av - (values[c] as number) * (vectors[i * n + c] as number))).toBeLessThan(
          1e-10 * scale,
        );
      }
      for (let c2 = 0; c2 < n; c2++) {
        let dot = 0;
        for (let k = 0; k < n; k++) dot += (vectors[k * n + c] as number) * (vectors[k * n + c2] as number);
        expect(dot).toBeCloseTo(c === c2 ? 1 : 0, 10);
      }
    }
  });
});
