import { openAsBlob } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { ParquetDecoder } from '../src/data/parquet/parquet-decoder';
import { initParquetWasmNode } from '../src/data/parquet/parquet-wasm-node';

const SAMPLE = resolve(import.meta.dirname, '../public/sample/experiences.parquet');

describe('ParquetDecoder.close', () => {
  beforeAll(() => initParquetWasmNode());

  it('waits for the read in progress instead of freeing the file under it', async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const decoder = await ParquetDecoder.open(await openAsBlob(SAMPLE), 'experiences.parquet');
      const reading = decoder.read({ rowGroups: [0] });
      decoder.close();
      const rows = tableFromIPC(await reading).numRows;
      expect(rows).toBe(decoder.footer.rowGroups[0]?.rows);
      // A read asked for after close is refused with a typed error, not a wasm panic.
      await expect(decoder.read({ rowGroups: [0] })).rejects.toMatchObject({ code: 'internal' });
      await new Promise((r) => setTimeout(r, 50));
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });
});
