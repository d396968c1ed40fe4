/**
 * Where an export's encoded bytes go, in order, as the writer hands them over: Blob parts for the
 * browser's download (`blobOutput`), or the file the save picker gave (`fileOutput`), written as
 * they come so that nothing is held whole.
 */
export interface ExportOutput {
  write(bytes: Uint8Array): void;
  /** Resolves once the bytes handed over so far are written (the writer waits on it between pages). */
  drained(): Promise<void>;
  /** Ends the output: the download's parts, or none once the file is closed. */
  close(): Promise<BlobPart[]>;
  /** Stops: a file is aborted, so that no half-written file is left. */
  abort(): void;
  /** Bytes handed over so far. */
  readonly bytes: number;
}

/** The parts of a download, each a Blob at once, which the browser may keep outside the page's heap. */
export function blobOutput(): ExportOutput {
  const parts: Blob[] = [];
  let bytes = 0;
  return {
    write(chunk) {
      parts.push(new Blob([chunk as Uint8Array<ArrayBuffer>]));
      bytes += chunk.byteLength;
    },
    drained: () => Promise.resolve(),
    close: () => Promise.resolve(parts),
    abort() {
      parts.length = 0;
    },
    get bytes() {
      return bytes;
    },
  };
}

/** What fileOutput needs of a FileSystemWritableFileStream (a fake one in tests). */
export interface WritableFile {
  write(data: Uint8Array<ArrayBuffer>): Promise<void>;
  close(): Promise<void>;
  abort(reason?: unknown): Promise<void>;
}

/**
 * Bytes written into a FileSystemWritableFileStream as they come, one write after the other. Its
 * writes go to a temporary file that `close()` moves into place and `abort()` throws away, so a
 * cancelled or failed export leaves no half file; `onAborted` may then remove the file the save
 * picker created for it. The first failed write fails the export (at the next page or at close).
 */
export function fileOutput(writable: WritableFile, onAborted?: () => Promise<void>): ExportOutput {
  let chain: Promise<void> = Promise.resolve();
  let failure: { error: unknown } | null = null;
  let stopped = false;
  let bytes = 0;
  const check = () => {
    if (failure) throw failure.error;
  };
  return {
    write(chunk) {
      if (stopped) return;
      bytes += chunk.byteLength;
      chain = chain
        .then(() => (stopped || failure ? undefined : writable.write(chunk as Uint8Array<ArrayBuffer>)))
        .catch((error: unknown) => {
          failure ??= { error };
        });
    },
    async drained() {
      await chain;
      check();
    },
    async close() {
      await chain;
      check();
      stopped = true;
      await writable.close();
      return [];
    },
    abort() {
      if (stopped) return;
      stopped = true;
      // After the write in flight: a stream cannot be aborted while a write holds its lock.
      void chain
        .then(() => writable.abort())
        .then(() => onAborted?.())
        .catch(() => undefined);
    },
    get bytes() {
      return bytes;
    },
  };
}
