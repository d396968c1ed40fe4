import { describe, expect, it } from 'vitest';
import { hexToPixel } from './colour';

describe('hexToPixel', () => {
  it.each([
    ['#4979a7', 0xffa77949],
    ['#4979A7', 0xffa77949],
    ['#fff', 0xffffffff],
    ['#000000', 0xff000000],
    ['#11223344', 0x44332211],
    ['  #102030 ', 0xff302010],
  ])('%s is the pixel 0x%s', (colour, pixel) => {
    expect(hexToPixel(colour, 0)).toBe(pixel);
  });

  it.each(['', 'gray', 'rgb(1 2 3)', '#12', '#1234567', 'var(--x)'])('%j falls back', (colour) => {
    expect(hexToPixel(colour, 7)).toBe(7);
  });
});
