import { describe, expect, it } from 'vitest';
import { usesPicker } from './pickers';

describe('usesPicker', () => {
  it.each([
    { present: true, automated: false, forced: false, want: true },
    { present: true, automated: true, forced: false, want: false },
    { present: true, automated: true, forced: true, want: true },
    { present: true, automated: false, forced: true, want: true },
    { present: false, automated: false, forced: false, want: false },
    { present: false, automated: true, forced: true, want: false },
  ])('present $present, automated $automated, forced $forced: $want', ({ want, ...context }) => {
    expect(usesPicker(context)).toBe(want);
  });
});
