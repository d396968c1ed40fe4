import { describe, expect, it } from 'vitest';
import { CsvOptionsError, csvArguments, readCsvSql } from './csv-options';
import { firstLine, firstRaggedRecord, likelyDelimiter, recordShapes } from './csv-scan';

describe('recordShapes / firstRaggedRecord', () => {
  it.each([
    ['a,b,c\n1,2,3\n4,5,6\n', ',', null],
    ['a,b,c\n1,2\n3,4,5,6\n', ',', { header: 3, record: { line: 2, fields: 2 } }],
    ['a,b,c\n1,2,3\n4,5,6,7\n', ',', { header: 3, record: { line: 3, fields: 4 } }],
    ['a,b\n"x\ny",2\n"p,q",3\n', ',', null],
    ['a,b\n"x\ny",2\n3\n', ',', { header: 2, record: { line: 4, fields: 1 } }],
    ['a;b\r\n1;2\r\n\r\n3;4\r\n', ';', null],
    ['a\tb\n1\t"say ""hi"", ok"\n', '\t', null],
  ])('%j split by %j', (text, delimiter, expected) => {
    expect(firstRaggedRecord(recordShapes(text, delimiter, '"'))).toEqual(expected);
  });

  it('leaves out a trailing partial record (the scanned head ends mid-line)', () => {
    expect(recordShapes('a,b\n1,2\n3', ',', '"')).toEqual([
      { line: 1, fields: 2 },
      { line: 2, fields: 2 },
    ]);
  });
});

describe('likelyDelimiter', () => {
  it.each([
    ['a,b,c', ','],
    ['a;b;c', ';'],
    ['a\tb', '\t'],
    ['a|b|c,d', '|'],
    ['"x,y";z', ';'],
    ['hello world', null],
    ['', null],
  ])('%j -> %j', (line, expected) => {
    expect(likelyDelimiter(line)).toBe(expected);
  });

  it('firstLine stops at the first line break', () => {
    expect(firstLine('a,b\r\n1,2')).toBe('a,b');
    expect(firstLine('only')).toBe('only');
  });
});

describe('csv options -> read_csv SQL', () => {
  it.each([
    [{}, "read_csv('memscope/x.csv')"],
    [{ delimiter: ';' }, "read_csv('memscope/x.csv', delim=';')"],
    [
      { delimiter: '\t', quote: '', header: false },
      "read_csv('memscope/x.csv', delim='\t', quote='', header=false)",
    ],
    [{ quote: "'" }, "read_csv('memscope/x.csv', quote='''')"],
    [
      { delimiter: ',', header: true, nullPadding: true },
      "read_csv('memscope/x.csv', delim=',', header=true, null_padding=true)",
    ],
  ])('%j', (options, sql) => {
    expect(readCsvSql('memscope/x.csv', options)).toBe(sql);
  });

  it.each([{ delimiter: '' }, { delimiter: ',;' }, { delimiter: '\n' }, { quote: 'ab' }])(
    'refuses %j',
    (options) => {
      expect(() => csvArguments(options)).toThrow(CsvOptionsError);
    },
  );

  it('refuses a path that is not a registered one', () => {
    expect(() => readCsvSql("x.csv') UNION SELECT 1 --")).toThrow(CsvOptionsError);
  });
});
