import { describe, expect, it } from 'vitest';
import { MemscopeError } from '../../core/errors';
import type { DbClient } from '../db/db-client';
import type { ParquetFooter, ParquetSource, ReadRequest } from '../parquet/parquet-reader';
import { ParquetWorkers } from './parquet-workers';

/** A source that logs each read as `<its name>:<row groups>`, and refuses reads once closed. */
class FakeSource implements ParquetSource {
  closed = false;
  constructor(
    readonly fileName: string,
    private readonly log: string[],
  ) {}
  footer(): Promise<ParquetFooter> {
    return Promise.resolve({ rows: 0, rowGroups: [] } as unknown as ParquetFooter);
  }
  read(request: ReadRequest): Promise<Uint8Array> {
    if (this.closed) {
      return Promise.reject(new MemscopeError({ code: 'cancelled', message: 'closed' }));
    }
    this.log.push(`${this.fileName}:${request.rowGroups.join(',')}`);
    return Promise.resolve(new Uint8Array());
  }
  close(): void {
    this.closed = true;
  }
}

function setup() {
  const log: string[] = [];
  const started: FakeSource[] = [];
  const workers = new ParquetWorkers(new Blob([]), 'f.parquet', {
    db: {} as DbClient,
    createSource: () => new FakeSource('load', log),
    createPageSource: () => {
      const source = new FakeSource('pages', log);
      started.push(source);
      return source;
    },
  });
  const read = (group: number) => workers.readForView({ rowGroups: [group], columns: [], vectors: {} });
  return { log, started, workers, read };
}

describe('ParquetWorkers: the page worker starts with the first view read, not with the file', () => {
  const cases: {
    name: string;
    run: (s: ReturnType<typeof setup>) => Promise<void>;
    pageWorkers: number;
    log: string[];
  }[] = [
    {
      name: 'a file loaded without a view read never starts one',
      run: async ({ workers }) => workers.markLoaded(),
      pageWorkers: 0,
      log: [],
    },
    {
      name: 'view reads while loading share one page worker',
      run: async ({ read }) => {
        await read(0);
        await read(1);
      },
      pageWorkers: 1,
      log: ['pages:0', 'pages:1'],
    },
    {
      name: 'after the load, view reads go to the load worker',
      run: async ({ read, workers }) => {
        await read(0);
        workers.markLoaded();
        await read(1);
      },
      pageWorkers: 1,
      log: ['pages:0', 'load:1'],
    },
    {
      name: 'a view read after the load starts no page worker',
      run: async ({ read, workers }) => {
        workers.markLoaded();
        await read(2);
      },
      pageWorkers: 0,
      log: ['load:2'],
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const s = setup();
      await c.run(s);
      expect(s.started).toHaveLength(c.pageWorkers);
      expect(s.log).toEqual(c.log);
    });
  }

  it('the load ending closes the page worker it started', async () => {
    const s = setup();
    await s.read(0);
    s.workers.markLoaded();
    expect(s.started[0]?.closed).toBe(true);
  });

  it('dispose closes the page worker and starts none afterwards', async () => {
    const s = setup();
    await s.read(0);
    s.workers.dispose();
    expect(s.started[0]?.closed).toBe(true);
    await expect(s.read(1)).rejects.toMatchObject({ code: 'cancelled' });
    expect(s.started).toHaveLength(1);
  });
});
