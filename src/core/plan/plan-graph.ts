/**
 * Schedule -> PlanGraph, the generic graph the DAG view draws. Executor fields become metrics so
 * that a view can colour by size, duration or wave without knowing about schedules.
 */
import { sanitizeSchedule } from './sanitize-schedule';
import type { PlanGraph, PlanMetricValue, PlanNode, Schedule } from './types';
import type { CriticalPath, Waves } from './analysis-types';

export const SCHEDULE_METRIC_UNITS: Readonly<Record<string, string>> = {
  size_bytes: 'B',
  align: 'B',
  start_us: 'µs',
  end_us: 'µs',
  duration_us: 'µs',
  rows: 'rows',
  wave: 'step',
  slack: '',
};

export interface PlanGraphExtras {
  readonly waves?: Waves;
  readonly criticalPath?: CriticalPath;
}

export function scheduleToPlanGraph(schedule: Schedule, extras: PlanGraphExtras = {}): PlanGraph {
  const clean = sanitizeSchedule(schedule);
  const onPath = new Set(extras.criticalPath?.path ?? []);
  const nodes: PlanNode[] = clean.executors.map((e) => {
    const metrics: Record<string, PlanMetricValue> = {
      size_bytes: e.sizeBytes,
      align: e.align,
      holds_heap: e.holdsHeap,
    };
    if (e.startUs !== undefined) metrics.start_us = e.startUs;
    if (e.endUs !== undefined) metrics.end_us = e.endUs;
    if (e.startUs !== undefined && e.endUs !== undefined)
      metrics.duration_us = Math.max(0, e.endUs - e.startUs);
    if (e.rows !== undefined) metrics.rows = e.rows;
    if (e.removed) metrics.removed = true;
    const wave = extras.waves?.runnableAt.get(e.id);
    if (wave !== undefined) metrics.wave = wave;
    const slack = extras.criticalPath?.slack.get(e.id);
    if (slack !== undefined) metrics.slack = slack.slack;
    if (extras.criticalPath) metrics.critical = onPath.has(e.id);
    return { id: e.id, kind: e.kind, label: e.name ?? `${e.kind} ${e.id}`, metrics };
  });
  return {
    source: 'schedule',
    nodes,
    edges: clean.edges.map((e) => ({ from: e.from, to: e.to })),
    rootId: clean.rootId !== null && clean.executors.some((e) => e.id === clean.rootId) ? clean.rootId : null,
    metricUnits: { ...SCHEDULE_METRIC_UNITS, slack: extras.criticalPath?.unit === 'us' ? 'µs' : 'executors' },
  };
}
