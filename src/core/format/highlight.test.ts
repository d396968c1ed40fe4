import { describe, expect, it } from 'vitest';
import { matchRanges } from './highlight';

describe('matchRanges', () => {
  const cases: { name: string; text: string; query: string; ranges: [number, number][] }[] = [
    { name: 'no query', text: 'abc', query: '', ranges: [] },
    { name: 'one match', text: 'Hello world', query: 'world', ranges: [[6, 11]] },
    {
      name: 'case-insensitive, every match',
      text: 'Leo met leo',
      query: 'LEO',
      ranges: [
        [0, 3],
        [8, 11],
      ],
    },
    { name: 'regex characters are literal', text: 'a.b*c (d)', query: '.b*c (', ranges: [[1, 7]] },
    { name: 'LIKE wildcards are literal', text: '100% of a_b', query: '%', ranges: [[3, 4]] },
    { name: 'non-ASCII', text: 'Straße STRASSE', query: 'straße', ranges: [[0, 6]] },
    { name: 'absent', text: 'abc', query: 'x', ranges: [] },
  ];
  for (const c of cases) it(c.name, () => expect(matchRanges(c.text, c.query)).toEqual(c.ranges));
  it('stops at the limit', () => expect(matchRanges('aaaa', 'a', 2)).toHaveLength(2));
});
