import { describe, expect, it } from 'vitest';
import { hasLongRun, lineAt, lineStarts, previewText } from './long-text';

describe('previewText', () => {
  it.each([
    ['short', 10, 'short', 0],
    ['abcdef', 4, 'abcd', 2],
    ['ab😀cd', 3, 'ab', 4],
    ['x'.repeat(1_000_000), 4096, 'x'.repeat(4096), 1_000_000 - 4096],
  ])('%#: cut at %i', (text, max, shown, hidden) => {
    expect(previewText(text, max)).toEqual({ shown, hidden });
  });
});

describe('hasLongRun', () => {
  it.each([
    ['plain words in a sentence', false],
    ['a'.repeat(80), true],
    [`${'a'.repeat(79)} ${'b'.repeat(79)}`, false],
    [`intro\n${'Zm9v'.repeat(30)}`, true],
  ])('%#', (text, expected) => {
    expect(hasLongRun(text)).toBe(expected);
  });
});

describe('lineStarts / lineAt', () => {
  it.each([
    ['', 4, ['']],
    ['abc', 4, ['abc']],
    ['abcdefghij', 4, ['abcd', 'efgh', 'ij']],
    ['ab\ncd\n', 4, ['ab', 'cd']],
    ['ab\n\ncd', 4, ['ab', '', 'cd']],
    ['abc😀def', 4, ['abc', '😀de', 'f']],
  ])('%j at width %i', (text, width, lines) => {
    const starts = lineStarts(text, width);
    expect(Array.from(starts, (_, i) => lineAt(text, starts, i))).toEqual(lines);
  });

  it('covers a 1 MB run in display lines of the given width, every character once', () => {
    const text = 'q'.repeat(1 << 20);
    const starts = lineStarts(text, 120);
    expect(starts.length).toBe(Math.ceil(text.length / 120));
    let total = 0;
    for (let i = 0; i < starts.length; i++) total += lineAt(text, starts, i).length;
    expect(total).toBe(text.length);
  });
});
