import { useMemo } from 'react';
import { Bar, BarChart, Brush, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { scoreHistogram, type HistogramBin } from '../../core/vectors/results';
import { formatCountOf } from '../../core/format/quantities';
import { useThemeColours } from '../../components/theme/theme';

export interface ScoreRange {
  lo: number;
  hi: number;
}

/**
 * The scores of every searched row against the query (recharts bars), the top-k cut-off marked,
 * and a brush whose range the view lists ("all memories with cosine ≥ 0.8").
 */
export function ScoreHistogram({
  scores,
  cutoff,
  metricLabel,
  onRange,
}: {
  scores: Float32Array;
  /** Score of the k-th result. */
  cutoff: number | null;
  metricLabel: string;
  onRange(range: ScoreRange): void;
}) {
  const theme = useThemeColours();
  const bins = useMemo(() => scoreHistogram(scores, 40), [scores]);
  const data = bins.map((b) => ({ label: b.x0.toFixed(3), count: b.count }));
  const cutoffBin = cutoff === null ? -1 : bins.findIndex((b) => cutoff >= b.x0 && cutoff <= b.x1);
  if (bins.length === 0) return null;
  return (
    <figure className="similar-histogram" aria-label="Score distribution">
      <figcaption>
        {metricLabel} of {formatCountOf(scores.length, 'memory', 'memories')} against the query
        {cutoff !== null ? `; top-k cut-off at ${cutoff.toFixed(4)}` : ''}. Drag the brush to list a range.
      </figcaption>
      <ResponsiveContainer width="100%" height={180}>
        <BarChart data={data} margin={{ top: 6, right: 12, bottom: 0, left: 8 }}>
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={7} />
          <YAxis width={56} tick={{ fontSize: 11 }} />
          <Tooltip />
          <Bar dataKey="count" fill={theme.chartPoint} isAnimationActive={false} />
          {cutoffBin >= 0 && (
            <ReferenceLine
              x={data[cutoffBin]?.label}
              stroke={theme.chartMark}
              strokeDasharray="4 2"
              label="top k"
            />
          )}
          <Brush
            dataKey="label"
            height={20}
            travellerWidth={8}
            onChange={(r: { startIndex?: number; endIndex?: number }) => {
              const a = bins[r.startIndex ?? 0] as HistogramBin | undefined;
              const b = bins[r.endIndex ?? bins.length - 1] as HistogramBin | undefined;
              if (a && b) onRange({ lo: a.x0, hi: b.x1 });
            }}
          />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
