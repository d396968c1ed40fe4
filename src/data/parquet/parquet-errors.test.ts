import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../core/errors';
import { classifyDecoderError } from './parquet-errors';

describe('classifyDecoderError', () => {
  // Strings seen from parquet-wasm 0.8 on ../shared/corpus (see docs/data-path.md).
  const cases: [unknown, ErrorCode][] = [
    [
      new Error('Parquet error: Parquet file has an encrypted footer but the encryption feature is disabled'),
      'encrypted',
    ],
    [new Error('EOF: file size of 0 is less than footer'), 'truncated'],
    [new Error('Parquet error: Invalid Parquet file. Corrupt footer'), 'corrupt'],
    [new Error('Parquet error: Unexpected Type -7'), 'corrupt'],
    [new Error('Parquet error: Insufficient bytes to parse min statistic'), 'corrupt'],
    [
      new Error('Parquet error: Integer overflow: out of range integral type conversion attempted'),
      'corrupt',
    ],
    [Object.assign(new Error('unreachable'), { name: 'RuntimeError' }), 'decoder-crash'],
    [new Error('NYI: Unsupported compression codec LZO'), 'unsupported'],
    [new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded'), 'out-of-memory'],
    ['a plain string', 'corrupt'],
  ];
  it.each(cases)('%s -> %s', (err, code) => {
    const e = classifyDecoderError(err, 'x.parquet');
    expect(e.code).toBe(code);
    expect(e.file).toBe('x.parquet');
    expect(e.message).toContain('x.parquet');
    expect(e.hint).toBeTruthy();
  });

  it('keeps the library text as detail, without its prefix', () => {
    expect(classifyDecoderError(new Error('Parquet error: Unexpected Type -7'), 'x.parquet').detail).toBe(
      'Unexpected Type -7',
    );
  });
});
