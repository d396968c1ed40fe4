/**
 * The list validation fills: problems in the order found, at most MAX_PROBLEMS_PER_CODE of each
 * code one by one and the rest counted in one line, so a schedule with a million faults still
 * reads. Also how messages name many executors (listIds).
 */
import type { ExecutorId, ValidationProblem } from './types';

/** Problems of one code listed one by one before they are summarized in one line. */
export const MAX_PROBLEMS_PER_CODE = 20;
/** Ids named in one message before "and N more". */
const MAX_IDS_IN_MESSAGE = 12;

export function listIds(ids: readonly ExecutorId[], max = MAX_IDS_IN_MESSAGE): string {
  if (ids.length <= max) return ids.join(', ');
  return `${ids.slice(0, max).join(', ')} and ${(ids.length - max).toLocaleString('en-US')} more`;
}

export class ProblemList {
  readonly items: ValidationProblem[] = [];
  private readonly counts = new Map<string, number>();
  private readonly overflow = new Map<string, { problem: ValidationProblem; extra: number }>();

  /** Adds a problem, keeping at most MAX_PROBLEMS_PER_CODE per code and counting the rest. */
  add(p: ValidationProblem): void {
    const c = (this.counts.get(p.code) ?? 0) + 1;
    this.counts.set(p.code, c);
    if (c <= MAX_PROBLEMS_PER_CODE) this.items.push(p);
    else {
      const o = this.overflow.get(p.code);
      if (o) o.extra++;
      else this.overflow.set(p.code, { problem: p, extra: 1 });
    }
  }

  finish(): ValidationProblem[] {
    for (const [code, { problem, extra }] of this.overflow) {
      this.items.push({
        code: problem.code,
        severity: problem.severity,
        message: `${extra.toLocaleString('en-US')} more problem${extra === 1 ? '' : 's'} like "${code}" not listed one by one`,
      });
    }
    return this.items;
  }
}
