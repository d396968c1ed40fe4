import { describe, expect, it } from 'vitest';
import { exportFileName, pickerDeclined, savePickerOptions } from './save-file';

describe('exportFileName and savePickerOptions', () => {
  it.each([
    { format: 'csv', name: 'experiences.csv', mime: 'text/csv', ext: '.csv', description: 'CSV' },
    {
      format: 'jsonl',
      name: 'experiences.jsonl',
      mime: 'application/x-ndjson',
      ext: '.jsonl',
      description: 'JSON Lines',
    },
    {
      format: 'parquet',
      name: 'experiences.parquet',
      mime: 'application/vnd.apache.parquet',
      ext: '.parquet',
      description: 'Parquet',
    },
  ] as const)('$format', ({ format, name, mime, ext, description }) => {
    expect(exportFileName(format, 'experiences')).toBe(name);
    expect(savePickerOptions(format, 'experiences')).toEqual({
      suggestedName: name,
      types: [{ description, accept: { [mime]: [ext] } }],
    });
  });
});

describe('pickerDeclined', () => {
  it.each([
    { name: 'AbortError', want: 'cancelled' },
    { name: 'NotAllowedError', want: 'refused' },
    { name: 'SecurityError', want: 'refused' },
    { name: 'TypeError', want: null },
    { name: 'NotFoundError', want: null },
  ])('$name: $want', ({ name, want }) => {
    expect(pickerDeclined(name)).toBe(want);
  });
});
