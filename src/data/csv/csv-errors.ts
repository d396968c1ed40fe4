import { MemscopeError } from '../../core/errors';

/** Typed errors for CSV files: each names the file, says "CSV", and the line when known. */
export type CsvProblem = 'empty' | 'unreadable' | 'bad-options';

export function csvError(
  problem: CsvProblem,
  fileName: string,
  extra: { reason?: string; detail?: string } = {},
): MemscopeError {
  const detail = extra.detail ? { detail: extra.detail } : {};
  switch (problem) {
    case 'empty':
      return new MemscopeError({
        code: 'corrupt',
        file: fileName,
        message: `${fileName} is an empty CSV file: it has no header line and no rows.`,
        hint: 'Export the CSV again from its source; a CSV needs at least a header line.',
        ...detail,
      });
    case 'bad-options':
      return new MemscopeError({
        code: 'invalid-input',
        file: fileName,
        message: `${fileName}: ${extra.reason ?? 'these CSV settings are not valid'}.`,
        hint: 'Choose a one-character delimiter and quote.',
        ...detail,
      });
    default:
      return new MemscopeError({
        code: 'corrupt',
        file: fileName,
        message: `${fileName} could not be read as CSV${extra.reason ? ` (${extra.reason})` : ''}.`,
        hint: 'Check that it is delimited text with one header line, set the delimiter, quote and header, or convert it to Parquet.',
        ...detail,
      });
  }
}
