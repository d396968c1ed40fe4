/**
 * One entry for everything the Plans view opens: an executor schedule or one of DuckDB's plans,
 * told apart by content (never by file name). The text is parsed once; big integers are quoted
 * first (executor ids are i64) and DuckDB's numeric fields read strings as numbers, so both paths
 * share that parse.
 */
import { MemscopeError } from '../errors';
import { looksLikeDuckDbPlan, parseDuckDbProfile, type DuckDbPlanResult } from './duckdb-profile';
import { quoteBigIntegers } from './executor-id';
import { parseScheduleJson, parseScheduleText } from './parse-schedule';
import { digestSchedule, type ScheduleDigest } from './schedule-digest';
import type { ParsedSchedule } from './types';

export type ParsedPlan =
  | { readonly kind: 'schedule'; readonly parsed: ParsedSchedule }
  /** A schedule above `digestAbove` executors: summarised, not kept. */
  | { readonly kind: 'schedule-digest'; readonly digest: ScheduleDigest }
  | { readonly kind: 'duckdb'; readonly plan: DuckDbPlanResult };

export const PLAN_FORMATS_READ =
  'an executor schedule (JSON with root_executor_id, executors and dependencies), a DuckDB profile ' +
  "(PRAGMA enable_profiling='json' output, DuckDB 1.x or older), or the JSON of EXPLAIN (ANALYZE, " +
  'FORMAT JSON) or EXPLAIN (FORMAT JSON)';

const SCHEDULE_KEYS = ['executors', 'dependencies', 'root_executor_id'];

/**
 * Reads a plan or schedule. Invalid JSON and damaged schedules come back as a schedule with its
 * problems (the view shows them next to what could be read); JSON that is neither kind throws an
 * 'invalid-input' MemscopeError naming `label` and the formats the view reads.
 */
export function parsePlanText(
  text: string,
  label = 'This file',
  digestAbove = Number.POSITIVE_INFINITY,
): ParsedPlan {
  // readPlan's JSON tree is gone once it returns: a big schedule is analysed without it.
  const plan = readPlan(text, label);
  return plan.kind === 'schedule' && plan.parsed.schedule.executors.length > digestAbove
    ? { kind: 'schedule-digest', digest: digestSchedule(plan.parsed) }
    : plan;
}

function readPlan(text: string, label: string): ParsedPlan {
  let value: unknown;
  try {
    value = JSON.parse(quoteBigIntegers(text));
  } catch {
    // The schedule reader words the JSON error with its line and column.
    return { kind: 'schedule', parsed: parseScheduleText(text) };
  }
  if (looksLikeDuckDbPlan(value)) return { kind: 'duckdb', plan: parseDuckDbProfile(value) };
  if (looksLikeSchedule(value)) return { kind: 'schedule', parsed: parseScheduleJson(value) };
  throw new MemscopeError({
    code: 'invalid-input',
    message: `${label} is JSON, but neither an executor schedule nor a DuckDB plan.`,
    hint: `The Plans view reads ${PLAN_FORMATS_READ}. See docs/formats/ for each shape.`,
    ...(label === 'This file' ? {} : { file: label }),
  });
}

function looksLikeSchedule(value: unknown): boolean {
  return typeof value === 'object' && value !== null && SCHEDULE_KEYS.some((k) => k in value);
}
