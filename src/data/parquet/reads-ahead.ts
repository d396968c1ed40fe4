import { firstPageRequest, requestKey } from './first-page';
import type { ParquetFooter, ReadRequest } from './parquet-reader';
import { planFromProbe, vectorProbeRequest } from './plan-file';

/** What the reads ahead need of a decoder (ParquetDecoder). */
export interface AheadReader {
  readonly footer: ParquetFooter;
  read(request: ReadRequest): Promise<Uint8Array>;
}

/** A read started ahead: the request it answers (`requestKey`) and its decode. */
interface AheadRead {
  key: string;
  ipc: Promise<Uint8Array>;
}

/**
 * The load's opening reads, decoded before they are asked for (docs/data-path.md, item 17): the
 * float-list probe when the plan needs one, then the grid's first page. The load worker starts
 * them in the task after the one that sends the footer, and plans the columns itself
 * (`planFromProbe`, as the load does), while the main thread renders the footer and plans the
 * same columns. Each of the load's reads that asks for exactly the next read ahead gets its
 * decode instead of posting its request ~10 ms later (20 with a probe: two round trips). Any other
 * read drops the rest: the decoder runs one read at a time, so a read nobody asks for would only
 * delay the next one.
 */
export class ReadsAhead {
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** In the order the load asks for them. The page's request is known once the probe is decoded. */
  private queue: Promise<AheadRead | null>[] = [];

  start(reader: AheadReader): void {
    this.drop();
    // A new task, so that the footer's reply is posted first.
    this.timer = setTimeout(() => {
      this.timer = null;
      const probe = vectorProbeRequest(reader.footer);
      if (!probe) {
        this.queue = [Promise.resolve(pageAhead(reader, null))];
        return;
      }
      const probeRead = readAhead(reader, probe);
      // This reaction is registered before any reply's: the plan reads the probe's bytes before a
      // reply transfers them to the main thread.
      const page = probeRead.ipc.then(
        (ipc) => pageAhead(reader, ipc),
        () => null,
      );
      this.queue = [Promise.resolve(probeRead), page];
    }, 0);
  }

  /**
   * The bytes of `request` if it is the next read ahead, once decoded (a failed decode rejects, as
   * the read itself would); else null, and the reads ahead are dropped.
   */
  async take(request: ReadRequest): Promise<Uint8Array | null> {
    if (this.timer !== null) this.drop(); // asked before anything was started: nothing ahead
    const next = this.queue.shift();
    if (!next) return null;
    const read = await next; // the page's request is known once the probe is decoded
    if (read && read.key === requestKey(request)) return read.ipc;
    this.drop();
    return null;
  }

  drop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.queue = [];
  }
}

/** The first page, read with the plan the load will make from the probe's bytes (null: no probe). */
function pageAhead(reader: AheadReader, probeIpc: Uint8Array | null): AheadRead | null {
  const request = firstPageRequest(reader.footer, planFromProbe(reader.footer, probeIpc));
  return request ? readAhead(reader, request) : null;
}

function readAhead(reader: AheadReader, request: ReadRequest): AheadRead {
  const ipc = reader.read(request);
  ipc.catch(() => undefined); // a failure is reported to the read that takes it
  return { key: requestKey(request), ipc };
}
