import { memo } from 'react';
import { sparklinePoints } from '../../core/format/vector-stats';

/** A tiny line of a vector's values (min and max per bucket, so spikes survive). */
export const Sparkline = memo(function Sparkline({
  values,
  width = 64,
  height = 16,
  buckets,
}: {
  values: ArrayLike<number>;
  width?: number;
  height?: number;
  buckets?: number;
}) {
  const points = sparklinePoints(values, width, height, buckets ?? Math.max(8, Math.floor(width / 1.5)));
  return (
    <svg
      className="dg-sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      aria-hidden="true"
    >
      <polyline
        points={points}
        fill="none"
        stroke="currentColor"
        strokeWidth="1"
        vectorEffect="non-scaling-stroke"
      />
    </svg>
  );
});
