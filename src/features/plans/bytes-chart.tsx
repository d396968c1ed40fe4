import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { noLines } from './downsample';
import { formatBytesBinary, formatBytesExact } from '../../core/format/quantities';

export interface BytesSeries {
  dataKey: string;
  name: string;
  stroke: string;
  /** 'stepAfter' for quantities that jump (arena chunks), 'linear' for per-allocation growth. */
  type?: 'linear' | 'stepAfter';
  dashed?: boolean;
}

/**
 * One memory model's bytes over the allocation sequence (x = allocations done). The tick settings
 * (interval 0, no vertical grid measuring) keep recharts' mount under a frame or two: see docs/plans.md.
 */
export function BytesChart({
  label,
  data,
  series,
  caption = `${label}: reserved vs used bytes`,
  xName = 'allocation',
  tickFormat = formatBytesBinary,
  valueFormat = formatBytesExact,
}: {
  label: string;
  data: readonly Record<string, number>[];
  series: readonly BytesSeries[];
  caption?: string;
  /** What one step of `allocation` (the x key) is, for the tooltip. */
  xName?: string;
  /** The y axis's ticks and the tooltip's values: bytes unless given (a count of calls, say). */
  tickFormat?: (v: number) => string;
  valueFormat?: (v: number) => string;
}) {
  return (
    <figure className="plans-chart" aria-label={label}>
      <figcaption>{caption}</figcaption>
      <ResponsiveContainer width="100%" height={200}>
        <LineChart data={data as Record<string, number>[]} margin={{ top: 6, right: 12, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} verticalCoordinatesGenerator={noLines} />
          <XAxis
            dataKey="allocation"
            type="number"
            domain={['dataMin', 'dataMax']}
            allowDecimals={false}
            tickCount={8}
            tick={{ fontSize: 11 }}
            interval={0}
          />
          <YAxis
            tickFormatter={(v: number) => tickFormat(v)}
            width={64}
            tick={{ fontSize: 11 }}
            interval={0}
          />
          <Tooltip
            formatter={(v) => valueFormat(Number(v))}
            labelFormatter={(l) => `after ${xName} ${String(l)}`}
          />
          <Legend />
          {series.map((s) => (
            <Line
              key={s.dataKey}
              dataKey={s.dataKey}
              name={s.name}
              stroke={s.stroke}
              dot={false}
              type={s.type ?? 'linear'}
              strokeDasharray={s.dashed ? '4 3' : undefined}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
