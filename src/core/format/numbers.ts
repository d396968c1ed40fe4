import type { CellValue } from './cell-value';

/**
 * Reads a little-endian two's-complement integer of `words` 32-bit words (Arrow's Decimal storage)
 * as a BigInt. BigInt keeps every digit: a float would round DECIMAL(38, x) values.
 */
export function wordsToBigInt(words: Uint32Array, start: number, count: number): bigint {
  let value = 0n;
  for (let i = count - 1; i >= 0; i--) value = (value << 32n) | BigInt(words[start + i] ?? 0);
  const bits = BigInt(count * 32);
  const signBit = 1n << (bits - 1n);
  return value & signBit ? value - (1n << bits) : value;
}

/** `unscaled / 10^scale` written exactly: 12345n, 2 -> "123.45"; -5n, 3 -> "-0.005". */
export function formatDecimal(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString();
  let text: string;
  if (scale <= 0) {
    text = scale === 0 ? digits : digits + '0'.repeat(-scale);
  } else {
    const padded = digits.padStart(scale + 1, '0');
    text = `${padded.slice(0, padded.length - scale)}.${padded.slice(padded.length - scale)}`;
  }
  return negative ? `-${text}` : text;
}

/** Half-precision bits to a number (Arrow stores Float16 as Uint16). */
export function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/**
 * The shortest decimal that reads back as the same float. For Float32 values this avoids showing
 * 0.1f as 0.10000000149011612 (what the widened float64 prints).
 */
export function shortestFloat(value: number, bits: 16 | 32 | 64): string {
  if (bits === 64) return String(value);
  // Float16 carries ~3.3 significant decimal digits: 4 tell neighbours apart.
  if (bits === 16) return String(Number(value.toPrecision(4)));
  for (let precision = 1; precision <= 9; precision++) {
    const text = value.toPrecision(precision);
    if (Math.fround(Number(text)) === value) return String(Number(text));
  }
  return String(value);
}

export function formatFloat(value: number, bits: 16 | 32 | 64): CellValue {
  if (Number.isNaN(value)) return { kind: 'number', text: 'NaN', special: 'nan' };
  if (value === Number.POSITIVE_INFINITY) return { kind: 'number', text: 'Infinity', special: 'inf' };
  if (value === Number.NEGATIVE_INFINITY) return { kind: 'number', text: '-Infinity', special: '-inf' };
  if (value === 0 && 1 / value < 0) return { kind: 'number', text: '-0', special: '-0' };
  return { kind: 'number', text: shortestFloat(value, bits) };
}
