import { describe, expect, it } from 'vitest';
import { parseStoredTheme, resolveTheme } from './theme';

describe('parseStoredTheme', () => {
  it.each([
    ['light', 'light'],
    ['dark', 'dark'],
    [null, null],
    [undefined, null],
    ['', null],
    ['Dark', null],
    ['system', null],
  ] as const)('%j -> %j', (stored, expected) => {
    expect(parseStoredTheme(stored)).toBe(expected);
  });
});

describe('resolveTheme', () => {
  it.each([
    [null, false, 'light'],
    [null, true, 'dark'],
    ['light', true, 'light'],
    ['dark', false, 'dark'],
    ['dark', true, 'dark'],
  ] as const)('stored %j, OS prefers dark %j -> %j', (stored, prefersDark, expected) => {
    expect(resolveTheme(stored, prefersDark)).toBe(expected);
  });
});
