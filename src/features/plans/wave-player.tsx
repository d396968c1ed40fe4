import { useEffect, useMemo, useState } from 'react';
import {
  Area,
  AreaChart,
  CartesianGrid,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { bucketMax, noLines } from './downsample';
import { formatCount, formatCountOf } from '../../core/format/quantities';
import { formatUs, idList } from './format';
import type { PlanBase } from './use-plan-analysis';
import { useThemeColours } from '../../components/theme/theme';

interface Props {
  readonly base: PlanBase;
  readonly step: number;
  readonly onStep: (step: number) => void;
  readonly runnable: readonly string[];
  readonly showCritical: boolean;
  readonly onShowCritical: (show: boolean) => void;
  /** False until the view mounts the chart (one panel part per frame). */
  readonly chart?: boolean;
}

const PLAY_INTERVAL_MS = 700;

/** Plays the schedule step by step: the runnable set at each step, parallelism, the critical path. */
export function WavePlayer({
  base,
  step,
  onStep,
  runnable,
  showCritical,
  onShowCritical,
  chart = true,
}: Props) {
  const { waves, criticalPath } = base;
  const count = waves.steps.length;
  const [playing, setPlaying] = useState(false);
  const wave = waves.steps[step];
  const theme = useThemeColours();

  useEffect(() => {
    if (!playing) return;
    if (step >= count - 1) {
      queueMicrotask(() => setPlaying(false));
      return;
    }
    const timer = setTimeout(() => onStep(step + 1), PLAY_INTERVAL_MS);
    return () => clearTimeout(timer);
  }, [playing, step, count, onStep]);

  const chartData = useMemo(
    () => bucketMax(waves.parallelism, 240).map((p) => ({ step: p.index + 1, runnable: p.value })),
    [waves.parallelism],
  );

  const lengthText =
    criticalPath.unit === 'us'
      ? `${formatUs(criticalPath.length)} (sum of durations along the path)`
      : formatCountOf(criticalPath.length, 'executor');

  return (
    <section className="plans-panel plans-waves" aria-labelledby="plans-waves-h">
      <h2 id="plans-waves-h">Waves</h2>
      <p className="muted">
        {waves.mode === 'timings'
          ? 'Played by the recorded timings: one step per completion time; an executor is runnable once all of its dependencies have completed.'
          : 'Played in steps: each step completes every runnable executor; an executor is runnable once all of its dependencies have completed.'}
        {waves.fallbackReason ? ` ${waves.fallbackReason}` : ''}
      </p>
      {waves.stopReason && <p className="plans-error">{waves.stopReason}</p>}
      {count === 0 ? (
        <p className="muted">No steps: the schedule has no executor that can run.</p>
      ) : (
        <>
          <div className="plans-player" role="group" aria-label="Wave player">
            <button
              type="button"
              className="button"
              onClick={() => onStep(Math.max(0, step - 1))}
              disabled={step <= 0}
            >
              Previous step
            </button>
            <button
              type="button"
              className="button"
              aria-pressed={playing}
              onClick={() => {
                if (!playing && step >= count - 1) onStep(0);
                setPlaying(!playing);
              }}
            >
              {playing ? 'Pause' : 'Play'}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => onStep(Math.min(count - 1, step + 1))}
              disabled={step >= count - 1}
            >
              Next step
            </button>
            <input
              type="range"
              aria-label="Step"
              min={0}
              max={count - 1}
              value={step}
              onChange={(e) => onStep(Number(e.target.value))}
            />
            <strong className="plans-step-text" aria-live="polite">
              Step {formatCount(step + 1)} of {formatCount(count)}
              {wave?.timeUs !== null && wave?.timeUs !== undefined ? ` · t = ${formatUs(wave.timeUs)}` : ''}
            </strong>
          </div>
          <dl className="plans-dl plans-wave-sets">
            <dt>Runnable ({formatCount(runnable.length)})</dt>
            <dd className="mono" aria-label="Runnable executors">
              {idList(runnable)}
            </dd>
            <dt>Became runnable</dt>
            <dd className="mono">{idList(wave?.becameRunnable ?? [])}</dd>
            <dt>Completed</dt>
            <dd className="mono">{idList(wave?.completed ?? [])}</dd>
          </dl>
          {chart ? (
            <figure className="plans-chart" aria-label="Parallelism: runnable executors per step">
              <figcaption>
                Parallelism: runnable executors per step (max {formatCount(waves.maxParallelism)},{' '}
                {formatCountOf(waves.waveCount, 'wave')})
              </figcaption>
              <ResponsiveContainer width="100%" height={150}>
                <AreaChart data={chartData} margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
                  <CartesianGrid
                    strokeDasharray="3 3"
                    vertical={false}
                    verticalCoordinatesGenerator={noLines}
                  />
                  <XAxis
                    dataKey="step"
                    type="number"
                    domain={['dataMin', 'dataMax']}
                    allowDecimals={false}
                    tickCount={8}
                    tick={{ fontSize: 11 }}
                    interval={0}
                  />
                  <YAxis allowDecimals={false} width={40} tick={{ fontSize: 11 }} interval={0} />
                  <Tooltip
                    formatter={(v) => [String(v), 'runnable']}
                    labelFormatter={(l) => `step ${String(l)}`}
                  />
                  <Area
                    dataKey="runnable"
                    type="stepAfter"
                    fill={theme.chartFill}
                    stroke={theme.chartStroke}
                    isAnimationActive={false}
                  />
                  <ReferenceLine x={nearestStep(chartData, step + 1)} stroke={theme.ink} strokeWidth={2} />
                </AreaChart>
              </ResponsiveContainer>
            </figure>
          ) : (
            <div className="plans-chart plans-chart-pending" aria-hidden="true" />
          )}
        </>
      )}
      <div className="plans-critical">
        <p>
          <strong>Critical path:</strong> {lengthText}
          {criticalPath.complete ? '' : ' (partial: a cycle kept some executors out)'} ·{' '}
          <span className="mono">{idList(criticalPath.path, 30).replaceAll(', ', ' → ')}</span>
        </p>
        <label>
          <input type="checkbox" checked={showCritical} onChange={(e) => onShowCritical(e.target.checked)} />{' '}
          Highlight the critical path
        </label>
      </div>
    </section>
  );
}

function nearestStep(data: readonly { step: number }[], step: number): number {
  let best = data[0]?.step ?? step;
  for (const d of data) if (d.step <= step) best = d.step;
  return best;
}
