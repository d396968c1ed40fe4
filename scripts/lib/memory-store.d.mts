// Types for the e2e and bench code that generate stores with memory-store.mjs.
export declare const DIM: number;
export declare function writeStore(
  file: string,
  options: {
    rows: number;
    seed: number;
    category?: string | null;
    rowGroupRows?: number;
    idDigits?: number;
    onRowGroup?: (done: number, total: number) => void;
  },
): Promise<{ file: string; rows: number; bytes: number }>;
