import { describe, expect, it } from 'vitest';
import { Field, FixedSizeList, Float32, Int64, List, Timestamp, TimeUnit, Utf8 } from 'apache-arrow';
import { decodeBytes, hexDump, hexPreview } from './hex-dump';
import { formatHeavyValue } from './heavy-value';
import { formatDecimal, wordsToBigInt } from './numbers';
import { formatInterval } from './temporal';
import { isNumericType, typeLabel } from './type-label';
import { sparklinePoints, vectorStats } from './vector-stats';

describe('numbers', () => {
  it.each<[bigint, number, string]>([
    [0n, 0, '0'],
    [5n, 3, '0.005'],
    [-5n, 3, '-0.005'],
    [100n, -2, '10000'],
    [123456789n, 4, '12345.6789'],
  ])('formatDecimal(%s, %s) = %s', (unscaled, scale, text) => {
    expect(formatDecimal(unscaled, scale)).toBe(text);
  });

  it('reads two-complement words', () => {
    expect(wordsToBigInt(Uint32Array.of(0xffffffff, 0xffffffff), 0, 2)).toBe(-1n);
    expect(wordsToBigInt(Uint32Array.of(1, 1), 0, 2)).toBe(4294967297n);
  });
});

describe('bytes', () => {
  it('hex previews and dumps', () => {
    expect(hexPreview(Uint8Array.of(1, 2, 3), 2)).toBe('01 02 …');
    expect(hexDump(new TextEncoder().encode('hi'))).toBe(
      '00000000  68 69                                            hi',
    );
  });

  it.each<[string, Uint8Array, string | null, string | null]>([
    [
      'json',
      new TextEncoder().encode('{"op":"add","path":"/a"}'),
      '{"op":"add","path":"/a"}',
      '{\n  "op": "add",\n  "path": "/a"\n}',
    ],
    ['text', new TextEncoder().encode('plain text\n'), 'plain text\n', null],
    ['invalid utf-8', Uint8Array.of(0xff, 0xfe), null, null],
    ['control bytes', Uint8Array.of(0, 1, 2), null, null],
    ['broken json', new TextEncoder().encode('{nope'), '{nope', null],
  ])('decodeBytes %s', (_name, bytes, text, json) => {
    expect(decodeBytes(bytes)).toEqual({ byteLength: bytes.length, text, json });
  });
});

describe('vectors', () => {
  it('stats', () => {
    expect(vectorStats(Float32Array.of(3, 4))).toEqual({
      dim: 2,
      min: 3,
      max: 4,
      mean: 3.5,
      norm: 5,
      nonFinite: 0,
    });
    expect(vectorStats(Float32Array.of(Number.NaN, 1)).nonFinite).toBe(1);
  });

  it('sparkline keeps extremes when bucketing', () => {
    const values = new Float32Array(100);
    values[50] = 10;
    const points = sparklinePoints(values, 48, 10, 10);
    expect(points.split(' ').length).toBe(20);
    expect(points).toContain(',0.0'); // the spike reaches the top
    expect(sparklinePoints(Float32Array.of(1, 2), 10, 10)).toBe('0.0,10.0 10.0,0.0');
    expect(sparklinePoints(new Float32Array(0), 10, 10)).toBe('');
  });
});

describe('labels', () => {
  it.each([
    [new Int64(), 'int64', true],
    [new Utf8(), 'string', false],
    [new FixedSizeList(384, new Field('item', new Float32())), 'float32[384]', false],
    [new List(new Field('item', new Utf8())), 'list<string>', false],
    [new Timestamp(TimeUnit.MILLISECOND, 'UTC'), 'timestamp[ms, UTC]', false],
  ])('%s', (type, label, numeric) => {
    expect(typeLabel(type)).toBe(label);
    expect(isNumericType(type)).toBe(numeric);
  });

  it('intervals', () => {
    expect(formatInterval(14, 3, 1_000_000_000n)).toBe('1 year 2 mons 3 days 00:00:01');
    expect(formatInterval(0, 0, 0n)).toBe('00:00:00');
  });
});

describe('heavy values', () => {
  it.each([
    [null, 'null', 'NULL'],
    ['', 'string', ''],
    [Float32Array.of(1, 2, 3), 'vector', '3-d'],
    [Uint8Array.of(255), 'binary', 'ff'],
  ] as const)('%s', (value, kind, text) => {
    expect(formatHeavyValue(value)).toMatchObject({ kind, text });
  });
});
