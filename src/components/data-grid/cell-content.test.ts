import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../core/format/cell-value';
import { cellLook } from './cell-content';

describe('cellLook', () => {
  // Scalar kinds are one text node: content is a plain string.
  const scalars: [CellValue, string, string | undefined, string][] = [
    [{ kind: 'null', text: 'NULL' }, 'dg-null', undefined, 'NULL'],
    [
      { kind: 'string', text: '', empty: true, truncated: false, byteLength: 0 },
      'dg-empty',
      'empty string',
      '""',
    ],
    [{ kind: 'string', text: 'hi', empty: false, truncated: false, byteLength: 2 }, '', undefined, 'hi'],
    [{ kind: 'number', text: '42' }, 'dg-number', undefined, '42'],
    [{ kind: 'number', text: 'NaN', special: 'nan' }, 'dg-number dg-special', undefined, 'NaN'],
    [{ kind: 'boolean', text: 'true', value: true }, 'dg-true', undefined, 'true'],
    [{ kind: 'boolean', text: 'false', value: false }, 'dg-false', undefined, 'false'],
    [{ kind: 'temporal', text: '2024-03-01', title: 'date' }, 'dg-temporal', 'date', '2024-03-01'],
    [{ kind: 'list', text: '[]', items: [], length: 0, more: 0 }, 'dg-empty', 'empty list', '[]'],
    [{ kind: 'binary', text: '', byteLength: 0, truncated: false }, 'dg-empty', 'empty binary', '0 B'],
    [{ kind: 'binary', text: 'de ad', byteLength: 2, truncated: false }, 'dg-binary', '2 bytes', 'de ad'],
    [{ kind: 'struct', text: '{a: 1}', truncated: false }, '', undefined, '{a: 1}'],
    [{ kind: 'other', text: '?' }, '', undefined, '?'],
  ];
  it.each(scalars)('%j', (cell, className, title, content) => {
    expect(cellLook(cell)).toEqual(
      title === undefined ? { className, content } : { className, title, content },
    );
  });

  it.each([
    [{ kind: 'list', text: '[a]', items: [{ kind: 'null', text: 'NULL' }], length: 1, more: 0 }, 'dg-chips'],
    [{ kind: 'vector', text: '2-d', dim: 2, values: Float32Array.of(1, 2) }, 'dg-vector'],
  ] satisfies [CellValue, string][])('%j draws elements', (cell, className) => {
    const look = cellLook(cell);
    expect(look.className).toBe(className);
    expect(typeof look.content).toBe('object');
  });
});
