import { describe, expect, it } from 'vitest';
import { firstWords } from './first-words';

describe('firstWords', () => {
  it.each([
    ['short text stays', 'Fixed the cache', 18, 140, 'Fixed the cache'],
    ['whitespace collapses', '  a\n\tb   c ', 18, 140, 'a b c'],
    ['word limit', 'one two three four', 2, 140, 'one two…'],
    ['character limit cuts at a word', 'alpha beta gamma', 18, 12, 'alpha beta…'],
    ['one long word is cut inside', 'abcdefghij', 18, 4, 'abcd…'],
    ['empty', '   ', 18, 140, ''],
    ['markup stays text', '<b>bold</b> & more', 18, 140, '<b>bold</b> & more'],
  ])('%s', (_name, text, words, chars, want) => {
    expect(firstWords(text, words, chars)).toBe(want);
  });
});
