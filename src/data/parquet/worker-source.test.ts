import { describe, expect, it } from 'vitest';
import { MemscopeError } from '../../core/errors';
import type { RpcRequestMessage } from '../../workers/rpc';
import { WorkerParquetSource } from './worker-source';

type Behaviour = 'ok' | 'hang' | 'trap' | 'reject';

/** A stand-in for the parquet worker: answers, hangs, traps (error event) or rejects. */
class FakeWorker extends EventTarget {
  terminated = false;
  constructor(private readonly behaviour: () => Behaviour) {
    super();
  }
  postMessage(msg: RpcRequestMessage): void {
    const b = msg.method === 'open' ? 'ok' : this.behaviour();
    queueMicrotask(() => {
      if (this.terminated || b === 'hang') return;
      if (b === 'trap') {
        const e = new Event('error', { cancelable: true });
        Object.assign(e, { message: 'RuntimeError: unreachable' });
        this.dispatchEvent(e);
        return;
      }
      const data =
        b === 'reject'
          ? {
              id: msg.id,
              ok: false,
              error: { code: 'corrupt', message: 'x.parquet is damaged', file: 'x.parquet' },
            }
          : { id: msg.id, ok: true, value: msg.method === 'open' ? { rows: 1 } : new Uint8Array([1, 2, 3]) };
      this.dispatchEvent(new MessageEvent('message', { data }));
    });
  }
  terminate(): void {
    this.terminated = true;
  }
}

function source(behaviours: Behaviour[], timeoutMs = 50) {
  const workers: FakeWorker[] = [];
  let call = 0;
  const s = new WorkerParquetSource(new Blob([]), 'x.parquet', { maxReadBytes: 1e9, timeoutMs }, () => {
    const w = new FakeWorker(() => behaviours[call++] ?? 'ok');
    workers.push(w);
    return w as unknown as Worker;
  });
  return { s, workers };
}

async function errorOf(p: Promise<unknown>): Promise<MemscopeError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(MemscopeError);
  return e as MemscopeError;
}

describe('WorkerParquetSource', () => {
  it('reads through one worker while it is healthy', async () => {
    const { s, workers } = source(['ok', 'ok']);
    expect(await s.read({ rowGroups: [0] })).toEqual(new Uint8Array([1, 2, 3]));
    expect(await s.read({ rowGroups: [0] })).toEqual(new Uint8Array([1, 2, 3]));
    expect(workers.length).toBe(1);
  });

  it.each<[Behaviour, string]>([
    ['hang', 'timeout'],
    ['trap', 'decoder-crash'],
  ])('%s -> %s, the worker is replaced and the next read works', async (behaviour, code) => {
    const { s, workers } = source([behaviour, 'ok']);
    const err = await errorOf(s.read({ rowGroups: [0] }));
    expect(err.code).toBe(code);
    expect(err.message).toContain('x.parquet');
    expect(workers[0]?.terminated).toBe(true);
    expect(await s.read({ rowGroups: [0] })).toEqual(new Uint8Array([1, 2, 3]));
    expect(workers.length).toBe(2);
    expect(s.restarts).toBe(1);
  });

  it('passes typed errors from the worker through, keeping the worker', async () => {
    const { s, workers } = source(['reject', 'ok']);
    expect((await errorOf(s.read({ rowGroups: [0] }))).code).toBe('corrupt');
    await s.read({ rowGroups: [0] });
    expect(workers.length).toBe(1);
  });

  it('an abort cancels the read by stopping the worker', async () => {
    const { s, workers } = source(['hang', 'ok'], 5_000);
    const controller = new AbortController();
    const p = s.read({ rowGroups: [0] }, controller.signal);
    setTimeout(() => controller.abort(), 5);
    expect((await errorOf(p)).code).toBe('cancelled');
    expect(workers[0]?.terminated).toBe(true);
  });
});
