import { Precision, Type, type DataType, type Dictionary, type Float } from 'apache-arrow';

/** Widest header a first width makes room for; wider ones end in an ellipsis (the title says all). */
const MAX_DEFAULT_WIDTH = 480;

/**
 * The width a header needs to show its name and type label whole: padding (8 + 12), the name at
 * 13 px semibold, the gap, the type at 11 px and the sort arrow. Per-character widths are those of
 * the widest fallback font in use (DejaVu Sans, what Linux gives system-ui), so that no header is
 * cut off in it; narrower fonts leave a little space.
 */
export function headerWidth(name: string, typeLabel: string): number {
  const typePart = typeLabel === '' ? 0 : 6 + typeLabel.length * 6.8;
  return Math.ceil(20 + name.length * 9.6 + typePart + 14);
}

/** A first width for a column from its type (users resize from there). */
export function columnWidth(type: DataType, name: string, typeLabel = ''): number {
  const id = type.typeId === Type.Dictionary ? (type as Dictionary).dictionary.typeId : type.typeId;
  const nameWidth = headerWidth(name, typeLabel);
  let width: number;
  switch (id) {
    case Type.Bool:
      width = 80;
      break;
    case Type.Int:
    case Type.Decimal:
      width = 120;
      break;
    case Type.Float:
      // A double's shortest round-trip text runs to 17 digits (scores, 0.5761405348306894).
      width = (type as Float).precision === Precision.DOUBLE ? 170 : 120;
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
  return Math.min(MAX_DEFAULT_WIDTH, Math.max(width, nameWidth));
}

/** Wide enough for the largest row number. */
export function gutterWidth(rowCount: number): number {
  return 20 + String(Math.max(1, rowCount)).length * 8;
}
