/**
 * The values of one executor: what a size, an alignment, a time and a row count may be, the
 * problems when they are not, and the usable value each falls back to (a schedule with problems is
 * still drawn and modelled).
 */
import type { ProblemList } from './problem-list';
import type { Executor } from './types';

/** 1 TiB: no executor struct is anywhere near this; a bigger number is a unit mix-up. */
export const MAX_SIZE_BYTES = 2 ** 40;
/**
 * Rust's Layout allows alignments up to 2^29, but an executor aligned beyond 64 KiB is almost
 * certainly a wrong field (bytes written where the alignment belongs).
 */
export const MAX_ALIGN = 65536;
/** Alignment assumed when the input gives none: a struct of pointers and usizes on x86_64. */
export const DEFAULT_ALIGN = 8;

export function isPowerOfTwo(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 1 && Number.isInteger(Math.log2(n));
}

export function checkExecutorValues(
  e: Executor,
  i: number,
  path: (index: number, field?: string) => string,
  problems: ProblemList,
): void {
  const s = e.sizeBytes;
  if (!Number.isFinite(s) || s < 0 || !Number.isInteger(s)) {
    problems.add({
      code: 'invalid-size',
      severity: 'error',
      message: `Executor ${e.id} has size_bytes ${String(s)}: a size must be a whole, non-negative number of bytes. It is counted as 0.`,
      path: path(i, 'size_bytes'),
      executorIds: [e.id],
    });
  } else if (s > MAX_SIZE_BYTES) {
    problems.add({
      code: 'absurd-size',
      severity: 'error',
      message: `Executor ${e.id} has size_bytes ${s.toLocaleString('en-US')} (over 1 TiB): probably a unit mix-up. It is counted as 0.`,
      path: path(i, 'size_bytes'),
      executorIds: [e.id],
    });
  }
  const a = e.align;
  if (!isPowerOfTwo(a) || a > MAX_ALIGN) {
    const why =
      Number.isInteger(a) && a > MAX_ALIGN
        ? `more than ${MAX_ALIGN.toLocaleString('en-US')}`
        : 'not a power of two (1, 2, 4, 8, 16, ...)';
    problems.add({
      code: 'invalid-align',
      severity: 'error',
      message: `Executor ${e.id} has align ${String(a)}, which is ${why}. ${DEFAULT_ALIGN} is used instead.`,
      path: path(i, 'align'),
      executorIds: [e.id],
    });
  }
  for (const field of ['startUs', 'endUs'] as const) {
    const v = e[field];
    if (v !== undefined && (!Number.isFinite(v) || v < 0)) {
      const name = field === 'startUs' ? 'start_us' : 'end_us';
      problems.add({
        code: 'invalid-timing',
        severity: 'error',
        message: `Executor ${e.id} has ${name} ${String(v)}: times must be non-negative microseconds.`,
        path: path(i, name),
        executorIds: [e.id],
      });
    }
  }
  if (e.startUs !== undefined && e.endUs !== undefined && e.endUs < e.startUs) {
    problems.add({
      code: 'invalid-timing',
      severity: 'error',
      message: `Executor ${e.id} ends (${e.endUs} µs) before it starts (${e.startUs} µs); its duration is counted as 0.`,
      path: path(i, 'end_us'),
      executorIds: [e.id],
    });
  }
  if (e.rows !== undefined && (!Number.isInteger(e.rows) || e.rows < 0)) {
    problems.add({
      code: 'invalid-rows',
      severity: 'warning',
      message: `Executor ${e.id} has rows ${String(e.rows)}: a row count must be a whole, non-negative number.`,
      path: path(i, 'rows'),
      executorIds: [e.id],
    });
  }
}

/** A usable size: invalid or absurd sizes count as 0 (they are reported by validateSchedule). */
export function effectiveSize(e: Executor): number {
  const s = e.sizeBytes;
  return Number.isInteger(s) && s >= 0 && s <= MAX_SIZE_BYTES ? s : 0;
}

/** A usable alignment: invalid alignments fall back to DEFAULT_ALIGN. */
export function effectiveAlign(e: Executor): number {
  const a = e.align;
  return isPowerOfTwo(a) && a <= MAX_ALIGN ? a : DEFAULT_ALIGN;
}
