import { describe, expect, it } from 'vitest';
import { blobOutput, fileOutput, type WritableFile } from './export-output';

/** A FileSystemWritableFileStream stand-in that logs what happened to it, each write one turn late. */
function fakeWritable(failAt = -1) {
  const log: string[] = [];
  let writes = 0;
  const writable: WritableFile = {
    async write(data) {
      await Promise.resolve();
      if (writes++ === failAt) throw new Error('disk full');
      log.push(`write ${new TextDecoder().decode(data)}`);
    },
    async close() {
      log.push('close');
    },
    async abort() {
      log.push('abort');
    },
  };
  return { log, writable };
}

const bytes = (text: string) => new TextEncoder().encode(text);
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('fileOutput', () => {
  it('writes every chunk in order, then closes the file', async () => {
    const { log, writable } = fakeWritable();
    const output = fileOutput(writable);
    output.write(bytes('a,b\n'));
    output.write(bytes('1,2\n'));
    await output.drained();
    output.write(bytes('3,4\n'));
    expect(await output.close()).toEqual([]);
    expect(log).toEqual(['write a,b\n', 'write 1,2\n', 'write 3,4\n', 'close']);
    expect(output.bytes).toBe(12);
  });

  it('aborts (never closes) when stopped, drops the writes not yet made, and removes the file it made', async () => {
    const { log, writable } = fakeWritable();
    let removed = false;
    const output = fileOutput(writable, async () => {
      removed = true;
    });
    output.write(bytes('a'));
    await output.drained();
    output.write(bytes('b'));
    output.abort();
    output.write(bytes('c'));
    await settle();
    expect(log).toEqual(['write a', 'abort']);
    expect(removed).toBe(true);
  });

  it('a failed write fails the export at the next page and at close, and the file is not closed', async () => {
    const { log, writable } = fakeWritable(1);
    const output = fileOutput(writable);
    output.write(bytes('a'));
    output.write(bytes('b'));
    output.write(bytes('c'));
    await expect(output.drained()).rejects.toThrow('disk full');
    await expect(output.close()).rejects.toThrow('disk full');
    expect(log).toEqual(['write a']);
  });
});

describe('blobOutput', () => {
  it("keeps the chunks as a download's parts, in order", async () => {
    const output = blobOutput();
    output.write(bytes('a,b\n'));
    output.write(bytes('1,2\n'));
    const parts = await output.close();
    expect(await new Blob(parts).text()).toBe('a,b\n1,2\n');
    expect(output.bytes).toBe(8);
  });
});
