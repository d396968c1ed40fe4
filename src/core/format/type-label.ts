import {
  DateUnit,
  Precision,
  Type,
  type DataType,
  type Decimal,
  type Dictionary,
  type FixedSizeList,
  type Float,
  type Int,
  type List,
  type Map_,
  type Timestamp,
} from 'apache-arrow';
import { UNIT_LABEL } from './temporal';

/** A short type name for a column header: "int64", "string", "float32[384]", "timestamp[ms, UTC]". */
export function typeLabel(type: DataType): string {
  switch (type.typeId) {
    case Type.Null:
      return 'null';
    case Type.Int: {
      const t = type as Int;
      return `${t.isSigned ? 'int' : 'uint'}${t.bitWidth}`;
    }
    case Type.Float: {
      const p = (type as Float).precision;
      return p === Precision.HALF ? 'float16' : p === Precision.SINGLE ? 'float32' : 'float64';
    }
    case Type.Decimal: {
      const t = type as Decimal;
      return `decimal(${t.precision}, ${t.scale})`;
    }
    case Type.Bool:
      return 'bool';
    case Type.Utf8:
    case Type.LargeUtf8:
    case Type.Utf8View:
      return 'string';
    case Type.Binary:
    case Type.LargeBinary:
    case Type.BinaryView:
      return 'binary';
    case Type.FixedSizeBinary:
      return `binary[${(type as unknown as { byteWidth: number }).byteWidth}]`;
    case Type.Date:
      return (type as unknown as { unit: DateUnit }).unit === DateUnit.DAY ? 'date' : 'date[ms]';
    case Type.Time:
      return `time[${UNIT_LABEL[(type as unknown as { unit: keyof typeof UNIT_LABEL }).unit]}]`;
    case Type.Timestamp: {
      const t = type as Timestamp;
      return t.timezone
        ? `timestamp[${UNIT_LABEL[t.unit]}, ${t.timezone}]`
        : `timestamp[${UNIT_LABEL[t.unit]}]`;
    }
    case Type.Duration:
      return `duration[${UNIT_LABEL[(type as unknown as { unit: keyof typeof UNIT_LABEL }).unit]}]`;
    case Type.Interval:
      return 'interval';
    case Type.List:
    case Type.LargeList: {
      const child = (type as List).children[0];
      return `list<${child ? typeLabel(child.type) : '?'}>`;
    }
    case Type.FixedSizeList: {
      const t = type as FixedSizeList;
      const child = t.children[0];
      return `${child ? typeLabel(child.type) : '?'}[${t.listSize}]`;
    }
    case Type.Struct:
      return 'struct';
    case Type.Map: {
      const entries = (type as Map_).children[0]?.type as DataType | undefined;
      const [k, v] = entries?.children ?? [];
      return `map<${k ? typeLabel(k.type) : '?'}, ${v ? typeLabel(v.type) : '?'}>`;
    }
    case Type.Dictionary:
      return typeLabel((type as Dictionary).dictionary);
    case Type.Union:
      return 'union';
    default:
      return String(type);
  }
}

/** Columns whose cells read best right-aligned (numbers line up on their last digit). */
export function isNumericType(type: DataType): boolean {
  const id = type.typeId === Type.Dictionary ? (type as Dictionary).dictionary.typeId : type.typeId;
  return id === Type.Int || id === Type.Float || id === Type.Decimal;
}
