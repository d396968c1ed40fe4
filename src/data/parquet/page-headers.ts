import { T, readStruct } from './thrift-compact';

/**
 * Walks the Thrift page headers of one column chunk: where each page starts and ends, and how
 * many values the data pages hold. Used to measure chunks whose footer size is wrong (old
 * parquet-mr, PARQUET-816) and by the fuzz test to find pages to damage.
 */
export interface PageSpan {
  start: number;
  end: number;
  /** Values of a data page (v1 or v2); 0 for dictionary and index pages. */
  values: number;
}

/**
 * @param bytes the bytes from the chunk's first page on
 * @param offset the file offset of bytes[0] (spans are file offsets)
 * @param wanted stop once the data pages hold this many values
 */
export function walkPages(bytes: Uint8Array, offset: number, wanted = Infinity): PageSpan[] {
  const pages: PageSpan[] = [];
  let pos = 0;
  let values = 0;
  while (pos < bytes.length && values < wanted) {
    let header;
    try {
      header = readStruct(bytes, pos);
    } catch {
      break;
    }
    const f = (id: number) => header.struct.fields.find((x) => x.id === id);
    const size = f(3);
    if (size?.type !== T.I32 || size.value < 0) break;
    let n = 0;
    for (const id of [5, 8]) {
      const h = f(id);
      const count = h?.type === T.STRUCT ? h.fields.find((x) => x.id === 1) : undefined;
      if (count?.type === T.I32) n = count.value;
    }
    const end = header.end + size.value;
    pages.push({ start: offset + pos, end: offset + end, values: n });
    values += n;
    pos = end;
  }
  return pages;
}
