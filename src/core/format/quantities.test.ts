import { describe, expect, it } from 'vitest';
import {
  formatBytesBinary,
  formatBytesExact,
  formatCount,
  formatCountOf,
  formatElapsed,
  formatSize,
} from './quantities';

describe('quantities', () => {
  it.each([
    [0, '0 µs'],
    [0.035, '35 µs'],
    [0.25, '250 µs'],
    [0.00012, '0.1 µs'],
    [4.24, '4.2 ms'],
    [12.4, '12 ms'],
    [999.4, '999 ms'],
    [1534, '1.53 s'],
    [-2500, '-2.50 s'],
    [Number.POSITIVE_INFINITY, '—'],
  ])('formatElapsed(%d ms) = %s', (ms, text) => expect(formatElapsed(ms)).toBe(text));

  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1.0 kB'],
    [1_536_000, '1.5 MB'],
    [15_200_000, '15.2 MB'],
    [152_000_000, '152 MB'],
    [2.5e12, '2.5 TB'],
    [-1, '—'],
    [Number.NaN, '—'],
  ])('formatSize(%d) = %s', (n, text) => expect(formatSize(n)).toBe(text));

  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KiB'],
    [1536 * 1024, '1.5 MiB'],
    [-2048, '-2.0 KiB'],
    [3 * 1024 ** 3, '3.0 GiB'],
    [512 * 1024 ** 2, '512 MiB'],
  ])('formatBytesBinary(%d) = %s', (n, text) => expect(formatBytesBinary(n)).toBe(text));

  it.each([
    [0, '0 B'],
    [1234567, '1,234,567 B'],
    [488.4, '488 B'],
  ])('formatBytesExact(%d) = %s', (n, text) => expect(formatBytesExact(n)).toBe(text));

  it.each([
    [0, '0'],
    [1280, '1,280'],
    [1_000_000, '1,000,000'],
  ])('formatCount(%d) = %s', (n, text) => expect(formatCount(n)).toBe(text));

  it.each([
    [1, 'row', undefined, '1 row'],
    [0, 'row', undefined, '0 rows'],
    [2000, 'row', undefined, '2,000 rows'],
    [2, 'query', 'queries', '2 queries'],
  ])('formatCountOf(%d, %s)', (n, one, many, text) => expect(formatCountOf(n, one, many)).toBe(text));
});
