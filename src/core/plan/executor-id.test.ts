import { describe, expect, it } from 'vitest';
import { compareExecutorIds, normalizeExecutorId, quoteBigIntegers, rankExecutorIds } from './executor-id';

const I64_MAX = '9223372036854775807';
const I64_MIN = '-9223372036854775808';

describe('compareExecutorIds: exact order of i64 ids without rounding', () => {
  it.each([
    ['two ids beyond 2^53 one apart', '9007199254740993', '9007199254740992', 1],
    ['a longer magnitude is larger', '10000000000000000', '9999999999999999', 1],
    ['i64::MAX and i64::MAX - 1', I64_MAX, '9223372036854775806', 1],
    ['negatives beyond 2^53: the larger magnitude is smaller', '-9007199254740993', '-9007199254740992', -1],
    ['a longer negative is smaller', '-10000000000000000', '-9999999999999999', -1],
    ['i64::MIN is the smallest', I64_MIN, '-9223372036854775807', -1],
    ['any negative before any non-negative', '-1', '12345678901234567890', -1],
    ['zero after a big negative', '0', I64_MIN, 1],
    ['small ids numerically', '10', '9', 1],
    ['non-numeric fallbacks after numbers', 'abc', I64_MAX, 1],
    ['equal ids', I64_MAX, I64_MAX, 0],
  ])('%s', (_name, a, b, sign) => {
    expect(Math.sign(compareExecutorIds(a, b))).toBe(sign);
    expect(Math.sign(compareExecutorIds(b, a)) || 0).toBe(-sign || 0);
  });
});

describe('rankExecutorIds', () => {
  it.each([
    ['already in order (checked in one pass)', ['1', '2', '9007199254740993', I64_MAX], [0, 1, 2, 3]],
    ['out of order', ['10', '-1', I64_MAX, '9'], [2, 0, 3, 1]],
    ['beyond 2^53, out of order', ['9007199254740993', '9007199254740992'], [1, 0]],
    ['equal ids keep their positions', ['5', '3', '5'], [1, 0, 2]],
    ['empty', [], []],
  ])('%s', (_name, ids, ranks) => {
    expect(Array.from(rankExecutorIds(ids))).toEqual(ranks);
  });
});

describe('normalizeExecutorId at the ends of i64 (canonical text is kept as is)', () => {
  it.each([
    [I64_MAX, { ok: true, id: I64_MAX }],
    [I64_MIN, { ok: true, id: I64_MIN }],
    ['9223372036854775808', { ok: false }],
    ['-9223372036854775809', { ok: false }],
    ['99999999999999999999', { ok: false }],
    ['0', { ok: true, id: '0' }],
    ['-0', { ok: true, id: '0' }],
    ['0042', { ok: true, id: '42' }],
  ])('%s', (raw, expected) => {
    expect(normalizeExecutorId(raw)).toMatchObject(expected);
  });
});

describe('quoteBigIntegers', () => {
  it('returns the very same text when no literal can be beyond 2^53', () => {
    const text = '{"a": 123456789012345, "b": "x", "c": [1, 2.5, -3e10]}';
    expect(quoteBigIntegers(text)).toBe(text);
  });

  it.each([
    ['a 16-digit safe integer stays a number', '[9007199254740991]', '[9007199254740991]'],
    ['2^53 + 1 is quoted', '[9007199254740993]', '["9007199254740993"]'],
    ['a negative big integer is quoted', `[${I64_MIN}]`, `["${I64_MIN}"]`],
    ['digits inside a string are left alone', '["9007199254740993"]', '["9007199254740993"]'],
    ['a long fraction is not an integer', '[0.12345678901234567]', '[0.12345678901234567]'],
  ])('%s', (_name, text, quoted) => {
    expect(quoteBigIntegers(text)).toBe(quoted);
  });
});
