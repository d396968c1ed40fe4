import { ParquetDecoder } from './parquet-decoder';
import { parquetError } from './parquet-errors';
import { HttpRangeSource, isRemoteRef, type RemoteFileRef } from '../remote/http-range-source';
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
    private readonly file: Blob | RemoteFileRef,
    readonly fileName: string,
    private readonly budgets: DecodeBudgets = DEFAULT_BUDGETS,
  ) {}

  private open(): Promise<ParquetDecoder> {
    const remote = isRemoteRef(this.file);
    this.decoder ??= ParquetDecoder.open(
      isRemoteRef(this.file) ? new HttpRangeSource(this.file) : this.file,
      this.fileName,
      {
        maxReadBytes: this.budgets.maxReadBytes,
        remote,
      },
    );
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
