import { describe, expect, it } from 'vitest';
import type { DataType } from 'apache-arrow';
import {
  Binary,
  Field,
  FixedSizeList,
  Float16,
  Float32,
  Float64,
  Int32,
  Int64,
  List,
  TimeUnit,
  Timestamp,
  Utf8,
  DateDay,
  Dictionary,
} from 'apache-arrow';
import { detectRole } from './column-roles';
import type { ColumnRole } from './column-plan';

const listOf = (t: DataType) => new List(new Field('element', t, true));

describe('detectRole', () => {
  const cases: [string, DataType, ColumnRole, number?][] = [
    ['memory_id', new Utf8(), 'id'],
    ['id', new Int64(), 'id'],
    ['userId', new Int32(), 'id'],
    ['id', new Float64(), 'other'],
    ['category', new Utf8(), 'category'],
    ['category', new Dictionary(new Utf8(), new Int32()), 'category'],
    ['category', new Int32(), 'other'],
    ['entities', listOf(new Utf8()), 'entities'],
    ['tags', listOf(new Utf8()), 'entities'],
    ['embedding', new FixedSizeList(384, new Field('item', new Float32())), 'embedding'],
    ['anything', new FixedSizeList(8, new Field('item', new Float16())), 'embedding'],
    ['embedding', listOf(new Float32()), 'embedding'],
    ['scores', listOf(new Float64()), 'other'],
    ['scores', listOf(new Float64()), 'embedding', 3],
    ['diff_data', new Binary(), 'diff'],
    ['payload', new Binary(), 'other'],
    ['created_at', new Timestamp(TimeUnit.MICROSECOND, 'UTC'), 'time'],
    ['day', new DateDay(), 'time'],
    ['created_at', new Int64(), 'other'],
    ['content', new Utf8(), 'text'],
    ['summary', new Utf8(), 'text'],
    ['content', new Int32(), 'other'],
    ['value', new Float64(), 'other'],
  ];
  it.each(cases)('%s: %s -> %s', (name, type, role, vectorDim) => {
    expect(detectRole(name, type, { vectorDim })).toBe(role);
  });
});
