import { describe, expect, it } from 'vitest';
import { MemscopeError, type ErrorCode } from '../../core/errors';
import { detectFileKind, type FileKind } from './file-kind';

const bytes = (s: string) => new TextEncoder().encode(s);
const PAR1 = 'PAR1';

function thrown(fn: () => unknown): MemscopeError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MemscopeError);
    return e as MemscopeError;
  }
  throw new Error('expected a MemscopeError');
}

describe('detectFileKind', () => {
  const ok: [string, string, string, number, FileKind][] = [
    ['a.parquet', `${PAR1}xxxx`, `xxxx${PAR1}`, 100, 'parquet'],
    ['no-extension', `${PAR1}xxxx`, `xxxx${PAR1}`, 100, 'parquet'],
    ['a.arrow', 'ARROW1\0\0', '\0\0ARROW1', 100, 'arrow-file'],
    ['a.feather', '\xff\xff\xff\xffxxxx', 'xxxxxxxx', 100, 'arrow-stream'],
    ['a.csv', 'id,name\n', 'x\n', 100, 'csv'],
    ['A.TSV', 'id\tname', 'x\n', 100, 'csv'],
  ];
  it.each(ok)('%s -> %s', (name, head, tail, size, kind) => {
    const h = head.startsWith('\xff') ? new Uint8Array([255, 255, 255, 255, 0, 0, 0, 0]) : bytes(head);
    expect(detectFileKind(name, size, h, bytes(tail))).toBe(kind);
  });

  const bad: [string, string, string, number, ErrorCode][] = [
    ['x.parquet.encrypted', 'PARExxxx', 'xxxxPARE', 100, 'encrypted'],
    ['x.parquet', `${PAR1}xxxx`, 'xxxxPARE', 100, 'encrypted'],
    ['cut.parquet', `${PAR1}xxxx`, 'xxxxxxxx', 100, 'truncated'],
    ['tiny.parquet', PAR1, PAR1, 8, 'truncated'],
    ['cut.arrow', 'ARROW1\0\0', 'xxxxxxxx', 100, 'truncated'],
    ['notes.txt', 'hello wo', 'rld!\n', 12, 'not-parquet'],
    ['fake.parquet', 'hello wo', 'rld!\n', 12, 'not-parquet'],
    ['empty.parquet', '', '', 0, 'truncated'],
    ['empty', '', '', 0, 'not-parquet'],
    ['old.feather', 'FEA1xxxx', 'xxxxFEA1', 100, 'unsupported'],
    ['notes.arrow', 'id,name\n', 'x\n', 100, 'corrupt'],
  ];
  it.each(bad)('%s -> %s, naming the file', (name, head, tail, size, code) => {
    const error = thrown(() => detectFileKind(name, size, bytes(head), bytes(tail)));
    expect(error.code).toBe(code);
    expect(error.message).toContain(name);
    expect(error.hint).toBeTruthy();
  });
});

describe('Arrow IPC files get Arrow wording, never Parquet wording', () => {
  it.each([
    ['cut.arrow', 'ARROW1\0\0', 'xxxxxxxx', 100, /cut\.arrow is an incomplete Arrow IPC file/],
    ['notes.arrow', 'id,name\n', 'x\n', 100, /notes\.arrow is not an Arrow IPC file/],
    ['data.feather', 'hello wo', 'rld!\n', 100, /data\.feather is not an Arrow IPC file/],
  ])('%s', (name, head, tail, size, message) => {
    const error = thrown(() => detectFileKind(name, size, bytes(head), bytes(tail)));
    expect(error.message).toMatch(message);
    expect(`${error.message} ${error.hint ?? ''}`).not.toMatch(
      /Parquet file|PAR1|Parquet footer|Parquet decoder/,
    );
  });
});
