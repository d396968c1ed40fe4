import { Type, type DataType, type Dictionary } from 'apache-arrow';

/** A first width for a column from its type (users resize from there). */
export function columnWidth(type: DataType, name: string): number {
  const id = type.typeId === Type.Dictionary ? (type as Dictionary).dictionary.typeId : type.typeId;
  const nameWidth = 24 + name.length * 8;
  let width: number;
  switch (id) {
    case Type.Bool:
      width = 80;
      break;
    case Type.Int:
    case Type.Float:
    case Type.Decimal:
      width = 120;
      break;
    case Type.Date:
      width = 110;
      break;
    case Type.Timestamp:
      width = 210;
      break;
    case Type.Time:
    case Type.Duration:
    case Type.Interval:
      width = 140;
      break;
    case Type.FixedSizeList:
      width = 140;
      break;
    case Type.Binary:
    case Type.LargeBinary:
    case Type.FixedSizeBinary:
    case Type.BinaryView:
      width = 200;
      break;
    case Type.Utf8:
    case Type.LargeUtf8:
    case Type.Utf8View:
      width = name.toLowerCase().includes('id') ? 200 : 280;
      break;
    default:
      width = 240;
  }
  return Math.min(480, Math.max(width, nameWidth));
}

/** Wide enough for the largest row number. */
export function gutterWidth(rowCount: number): number {
  return 20 + String(Math.max(1, rowCount)).length * 8;
}
