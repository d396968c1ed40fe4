import {
  DateDay,
  Decimal,
  Float64,
  Int16,
  Int32,
  Int64,
  Int8,
  TimeMillisecond,
  TimestampMillisecond,
  Uint64,
  type DataType,
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { formatFilterValue, parseNumericFilterValue, parseTemporalFilterValue } from './filter-value';

describe('parseNumericFilterValue', () => {
  it.each<[string, DataType, string, unknown]>([
    ['id', new Int64(), '9007199254740993', 9007199254740993n],
    ['id', new Int64(), ' -9223372036854775808 ', -9223372036854775808n],
    ['id', new Int64(), '42', 42n],
    ['id', new Uint64(), '18446744073709551615', 18446744073709551615n],
    ['n', new Int8(), '-128', -128n],
    ['n', new Int32(), '+7', 7n],
    ['price', new Decimal(2, 20, 128), '12345678901234567.89', '12345678901234567.89'],
    ['price', new Decimal(2, 10, 128), '.5', '.5'],
    ['x', new Float64(), '1e300', 1e300],
    ['x', new Float64(), '-0.25', -0.25],
    ['x', new Float64(), 'inf', Infinity],
  ])('%s %s %s -> %s', (column, type, text, value) => {
    expect(parseNumericFilterValue(column, type, text)).toEqual({ value });
  });

  it.each<[string, DataType, string, RegExp]>([
    ['id', new Int64(), '1e400', /“1e400” is not a whole number; id holds integers \(BIGINT\)/],
    ['id', new Int64(), '1.5', /not a whole number/],
    [
      'id',
      new Int64(),
      '9223372036854775808',
      /outside the range of id \(BIGINT: -9223372036854775808 to 9223372036854775807\)/,
    ],
    ['id', new Uint64(), '-1', /outside the range of id \(UBIGINT/],
    ['n', new Int8(), '300', /outside the range of n \(TINYINT: -128 to 127\)/],
    ['n', new Int16(), 'abc', /not a whole number/],
    ['x', new Float64(), '1e400', /1e400 is too large for x/],
    ['x', new Float64(), 'twelve', /not a number/],
    ['x', new Float64(), '  ', /Type a number for x/],
    ['price', new Decimal(2, 5, 128), '12345.6', /too large for price \(DECIMAL\(5, 2\)\)/],
    ['price', new Decimal(2, 5, 128), '1e3', /not a decimal number/],
  ])('%s %s %s is refused', (column, type, text, message) => {
    const parsed = parseNumericFilterValue(column, type, text);
    expect('error' in parsed && parsed.error).toMatch(message);
  });
});

describe('formatFilterValue', () => {
  it.each([
    [9007199254740993n, '9007199254740993'],
    ['a "b"', '"a \\"b\\""'],
    [1.5, '1.5'],
    [true, 'true'],
    [null, 'NULL'],
  ])('%s -> %s', (value, text) => {
    expect(formatFilterValue(value)).toBe(text);
  });
});

describe('parseTemporalFilterValue', () => {
  const ts = new TimestampMillisecond();
  const cases: { text: string; type?: DataType; ok: boolean }[] = [
    { text: '2024-01-31', ok: true },
    { text: ' 2024-01-31 12:30 ', ok: true },
    { text: '2024-01-31T12:30:05.123Z', ok: true },
    { text: '2024-01-31 12:30:05+01:00', ok: true },
    { text: '2024-02-29', ok: true },
    { text: '2023-02-29', ok: false },
    { text: '2024-13-01', ok: false },
    { text: 'yesterday', ok: false },
    { text: '', ok: false },
    { text: '31/01/2024', ok: false },
    { text: "2024-01-31'; DROP TABLE x; --", ok: false },
    { text: '12:30', type: new TimeMillisecond(), ok: true },
    { text: '2024-01-31', type: new TimeMillisecond(), ok: false },
    { text: '2024-01-31', type: new DateDay(), ok: true },
  ];
  for (const c of cases) {
    it(`${JSON.stringify(c.text)} ${c.ok ? 'is taken' : 'is refused'}`, () => {
      const r = parseTemporalFilterValue('created_at', c.type ?? ts, c.text);
      if (c.ok) expect(r).toEqual({ value: c.text.trim() });
      else
        expect('error' in r && r.error).toMatch(
          /^“.*” is not a (date|time) created_at can be compared with: write it as /,
        );
    });
  }
});
