import type { ExportFormat } from './encode-rows';

/**
 * Where an export goes and what it is called (docs/explore.md, "Export"): the file's name and type,
 * the save picker's options, and what a picker that did not give a file means. Pure.
 */

export const MIME: Record<ExportFormat, string> = {
  csv: 'text/csv',
  jsonl: 'application/x-ndjson',
  parquet: 'application/vnd.apache.parquet',
};

export const EXTENSION: Record<ExportFormat, string> = { csv: 'csv', jsonl: 'jsonl', parquet: 'parquet' };

const DESCRIPTION: Record<ExportFormat, string> = {
  csv: 'CSV',
  jsonl: 'JSON Lines',
  parquet: 'Parquet',
};

/** `<baseName>.<extension>`: the download's name and the save picker's suggestion. */
export function exportFileName(format: ExportFormat, baseName: string): string {
  return `${baseName}.${EXTENSION[format]}`;
}

/** The options of `showSaveFilePicker` for an export: the suggested name and the format's one type. */
export function savePickerOptions(
  format: ExportFormat,
  baseName: string,
): {
  suggestedName: string;
  types: { description: string; accept: Record<string, string[]> }[];
} {
  return {
    suggestedName: exportFileName(format, baseName),
    types: [{ description: DESCRIPTION[format], accept: { [MIME[format]]: [`.${EXTENSION[format]}`] } }],
  };
}

/**
 * A picker's rejection that is the user's or the browser's choice, not a failure: closed by the user
 * (`AbortError`), or refused by the browser (`NotAllowedError`, `SecurityError`: no click to answer,
 * a policy). Null for anything else, which is a failure to report.
 */
export function pickerDeclined(errorName: string): 'cancelled' | 'refused' | null {
  if (errorName === 'AbortError') return 'cancelled';
  if (errorName === 'NotAllowedError' || errorName === 'SecurityError') return 'refused';
  return null;
}

/**
 * How an export ended: downloaded (`file` is what to hand to the browser's download), written into
 * the file the save picker gave, or nothing at all because the picker was closed or refused.
 */
export type ExportOutcome<F> =
  | { to: 'download'; file: F; fileName: string; bytes: number }
  | { to: 'picked'; fileName: string; bytes: number }
  | { to: 'nothing'; reason: 'cancelled' | 'refused' };
