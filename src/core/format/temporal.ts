import { TimeUnit } from 'apache-arrow';

/**
 * Dates and times from their raw Arrow integers, exactly: the sub-second digits come from BigInt
 * arithmetic, not from a float millisecond count (Arrow's own getters return epoch milliseconds as
 * a number and drop micro- and nanoseconds).
 */

const UNIT_PER_SECOND: Record<TimeUnit, bigint> = {
  [TimeUnit.SECOND]: 1n,
  [TimeUnit.MILLISECOND]: 1_000n,
  [TimeUnit.MICROSECOND]: 1_000_000n,
  [TimeUnit.NANOSECOND]: 1_000_000_000n,
};

const UNIT_DIGITS: Record<TimeUnit, number> = {
  [TimeUnit.SECOND]: 0,
  [TimeUnit.MILLISECOND]: 3,
  [TimeUnit.MICROSECOND]: 6,
  [TimeUnit.NANOSECOND]: 9,
};

export const UNIT_LABEL: Record<TimeUnit, string> = {
  [TimeUnit.SECOND]: 's',
  [TimeUnit.MILLISECOND]: 'ms',
  [TimeUnit.MICROSECOND]: 'µs',
  [TimeUnit.NANOSECOND]: 'ns',
};

/** JS Date's range: ±8.64e15 ms around the epoch. */
const MAX_EPOCH_SECONDS = 8_640_000_000_000n;

/** Floor division into whole seconds and the remaining units (always >= 0). */
export function splitEpoch(value: bigint, unit: TimeUnit): { seconds: bigint; fraction: bigint } {
  const per = UNIT_PER_SECOND[unit];
  let seconds = value / per;
  let fraction = value % per;
  if (fraction < 0n) {
    fraction += per;
    seconds -= 1n;
  }
  return { seconds, fraction };
}

/** ".123", ".123456", or "" when zero; trailing zero groups of three are dropped. */
export function fractionText(fraction: bigint, unit: TimeUnit): string {
  const digits = UNIT_DIGITS[unit];
  if (digits === 0 || fraction === 0n) return '';
  let text = fraction.toString().padStart(digits, '0');
  while (text.length > 3 && text.endsWith('000')) text = text.slice(0, -3);
  return `.${text}`;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

function yearText(year: number): string {
  if (year >= 0 && year <= 9999) return String(year).padStart(4, '0');
  return (year < 0 ? '-' : '+') + String(Math.abs(year)).padStart(6, '0');
}

/** "2024-03-01" from a UTC Date. */
function dateText(d: Date): string {
  return `${yearText(d.getUTCFullYear())}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

function clockText(d: Date): string {
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

export function formatDateDays(days: number): string {
  if (Math.abs(days) > 100_000_000) return `${days} days since 1970-01-01`;
  return dateText(new Date(days * 86_400_000));
}

export function formatDateMillis(ms: bigint): string {
  const { seconds } = splitEpoch(ms, TimeUnit.MILLISECOND);
  if (seconds > MAX_EPOCH_SECONDS || seconds < -MAX_EPOCH_SECONDS) return `${ms} ms since 1970-01-01`;
  return dateText(new Date(Number(seconds) * 1000));
}

/** Time of day (Arrow Time32/Time64): "13:05:09.25". */
export function formatTimeOfDay(value: bigint, unit: TimeUnit): string {
  const { seconds, fraction } = splitEpoch(value, unit);
  const s = Number(seconds);
  return `${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}${fractionText(fraction, unit)}`;
}

/** "3d 04:05:06.5", "-00:00:01", "00:00:00.000001". */
export function formatDuration(value: bigint, unit: TimeUnit): string {
  const negative = value < 0n;
  const { seconds, fraction } = splitEpoch(negative ? -value : value, unit);
  const days = seconds / 86_400n;
  const rest = Number(seconds % 86_400n);
  const clock = `${pad2(Math.floor(rest / 3600))}:${pad2(Math.floor(rest / 60) % 60)}:${pad2(rest % 60)}${fractionText(fraction, unit)}`;
  return `${negative ? '-' : ''}${days > 0n ? `${days}d ` : ''}${clock}`;
}

/** Arrow MonthDayNano / DayTime / YearMonth intervals, DuckDB-style: "1 mon 2 days 00:00:01". */
export function formatInterval(months: number, days: number, nanos: bigint): string {
  const parts: string[] = [];
  if (months !== 0) {
    const years = Math.trunc(months / 12);
    const rest = months % 12;
    if (years !== 0) parts.push(`${years} year${Math.abs(years) === 1 ? '' : 's'}`);
    if (rest !== 0) parts.push(`${rest} mon${Math.abs(rest) === 1 ? '' : 's'}`);
  }
  if (days !== 0) parts.push(`${days} day${Math.abs(days) === 1 ? '' : 's'}`);
  if (nanos !== 0n || parts.length === 0) parts.push(formatDuration(nanos, TimeUnit.NANOSECOND));
  return parts.join(' ');
}

const OFFSET_ZONE = /^([+-])(\d{2}):?(\d{2})$/;
const UTC_NAMES = new Set(['utc', 'etc/utc', 'z', 'gmt', 'etc/gmt', 'zulu', 'universal', 'etc/universal']);

const zoneFormatters = new Map<string, Intl.DateTimeFormat | null>();

function zoneFormatter(zone: string): Intl.DateTimeFormat | null {
  let f = zoneFormatters.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        timeZoneName: 'longOffset',
      });
    } catch {
      f = null; // unknown zone name: shown in UTC, and the title says so
    }
    zoneFormatters.set(zone, f);
  }
  return f;
}

/** Minutes east of UTC for a fixed offset zone ("+05:30"), else null. */
function fixedOffsetMinutes(zone: string): number | null {
  const m = OFFSET_ZONE.exec(zone);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/**
 * A timestamp as "2024-03-01 12:00:00.123456" plus a suffix for its zone:
 * - no zone stored: no suffix, and the title says it is shown as UTC (wall-clock time as written);
 * - UTC: "Z"; a fixed offset or a named zone: local time in that zone with its offset ("+01:00").
 */
export function formatTimestamp(
  value: bigint,
  unit: TimeUnit,
  timezone: string | null | undefined,
): { text: string; title: string } {
  const { seconds, fraction } = splitEpoch(value, unit);
  const unitLabel = UNIT_LABEL[unit];
  if (seconds > MAX_EPOCH_SECONDS || seconds < -MAX_EPOCH_SECONDS) {
    return {
      text: `${value} ${unitLabel}`,
      title: `timestamp[${unitLabel}] out of the range a date can show`,
    };
  }
  const frac = fractionText(fraction, unit);
  const epochMs = Number(seconds) * 1000;
  if (!timezone) {
    const d = new Date(epochMs);
    return {
      text: `${dateText(d)} ${clockText(d)}${frac}`,
      title: `timestamp[${unitLabel}], no time zone stored: shown as UTC`,
    };
  }
  if (UTC_NAMES.has(timezone.toLowerCase())) {
    const d = new Date(epochMs);
    return { text: `${dateText(d)} ${clockText(d)}${frac}Z`, title: `timestamp[${unitLabel}, ${timezone}]` };
  }
  const fixed = fixedOffsetMinutes(timezone);
  if (fixed !== null) {
    const d = new Date(epochMs + fixed * 60_000);
    return {
      text: `${dateText(d)} ${clockText(d)}${frac}${offsetText(fixed)}`,
      title: `timestamp[${unitLabel}, ${timezone}]`,
    };
  }
  const formatter = zoneFormatter(timezone);
  if (!formatter) {
    const d = new Date(epochMs);
    return {
      text: `${dateText(d)} ${clockText(d)}${frac}Z`,
      title: `timestamp[${unitLabel}], unknown time zone "${timezone}": shown as UTC`,
    };
  }
  const parts: Record<string, string> = {};
  for (const p of formatter.formatToParts(new Date(epochMs))) parts[p.type] = p.value;
  // longOffset prints "GMT+01:00", or plain "GMT" at offset zero.
  const offset = (parts.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00';
  const year = Number(parts.year);
  return {
    text: `${yearText(year)}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}${frac}${offset}`,
    title: `timestamp[${unitLabel}, ${timezone}]`,
  };
}
