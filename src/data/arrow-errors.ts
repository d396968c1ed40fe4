import { MemscopeError, type ErrorCode } from '../core/errors';

/**
 * Errors for Arrow IPC files (.arrow, .feather v2, .arrows streams), worded for Arrow: its own
 * magic ("ARROW1"), its own reader (apache-arrow), and what to do with the tool that wrote it.
 * (They used to come out as Parquet errors: "not a Parquet file … PAR1".)
 */
export type ArrowProblem = 'truncated' | 'not-arrow' | 'corrupt' | 'unsupported';

const CODES: Record<ArrowProblem, ErrorCode> = {
  truncated: 'truncated',
  'not-arrow': 'corrupt',
  corrupt: 'corrupt',
  unsupported: 'unsupported',
};

export function arrowError(problem: ArrowProblem, fileName: string, detail?: string): MemscopeError {
  const because = detail ? ` (${detail})` : '';
  const make = (message: string, hint: string) =>
    new MemscopeError({ code: CODES[problem], file: fileName, message, hint, ...(detail ? { detail } : {}) });
  switch (problem) {
    case 'truncated':
      return make(
        `${fileName} is an incomplete Arrow IPC file: it starts with "ARROW1" but does not end with it, so its footer is missing${because}.`,
        'The download or copy was probably cut short: fetch or copy the file again and reopen it.',
      );
    case 'not-arrow':
      return make(
        `${fileName} is not an Arrow IPC file: it starts with neither the "ARROW1" magic of the file format nor an IPC stream message${because}.`,
        'Check the file type; memscope opens Parquet (.parquet), Arrow IPC (.arrow, .feather) and CSV (.csv, .tsv) files.',
      );
    case 'unsupported':
      return make(
        `${fileName} uses an Arrow IPC feature memscope's Arrow reader does not support${because}.`,
        'Write it again without buffer compression (e.g. pyarrow.feather.write_feather(table, path, compression="uncompressed")), or as Parquet.',
      );
    default:
      return make(
        `${fileName} is damaged: the Arrow IPC reader rejected it${because}.`,
        'Write the file again from its source (e.g. with pyarrow.ipc or pyarrow.feather). Other open files are not affected.',
      );
  }
}
