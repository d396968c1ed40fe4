import { ParquetDecoder } from './parquet-decoder';
import { parquetError } from './parquet-errors';
import {
  DEFAULT_BUDGETS,
  type DecodeBudgets,
  type ParquetFooter,
  type ParquetSource,
  type ReadRequest,
} from './parquet-reader';

/**
 * A ParquetSource that runs the decoder on the calling thread: for Node tests (after
 * initParquetWasmNode()) and tools. No isolation: a trap or a hang affects the caller, so the
 * browser always uses WorkerParquetSource.
 */
export class InProcessParquetSource implements ParquetSource {
  private decoder: Promise<ParquetDecoder> | null = null;

  constructor(
    private readonly file: Blob,
    readonly fileName: string,
    private readonly budgets: DecodeBudgets = DEFAULT_BUDGETS,
  ) {}

  private open(): Promise<ParquetDecoder> {
    this.decoder ??= ParquetDecoder.open(this.file, this.fileName, {
      maxReadBytes: this.budgets.maxReadBytes,
    });
    return this.decoder;
  }

  async footer(): Promise<ParquetFooter> {
    return (await this.open()).footer;
  }

  async read(request: ReadRequest, signal?: AbortSignal): Promise<Uint8Array> {
    if (signal?.aborted) throw parquetError('cancelled', this.fileName);
    const ipc = await (await this.open()).read(request);
    if (signal?.aborted) throw parquetError('cancelled', this.fileName);
    return ipc;
  }

  close(): void {
    const d = this.decoder;
    this.decoder = null;
    void d?.then(
      (dec) => dec.close(),
      () => undefined,
    );
  }
}
