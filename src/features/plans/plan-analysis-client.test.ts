import { describe, expect, it } from 'vitest';
import { MemscopeError } from '../../core/errors';
import { MAIN_THREAD_PARSE_LIMIT, PlanAnalysisClient } from './plan-analysis-client';

// In Node there is no Worker: the client reads on "the page", which it does only for small plans
// (a 70 MB schedule parsed there would block the page for seconds; issue 10 item 6).
describe('PlanAnalysisClient without a worker', () => {
  const schedule = JSON.stringify({
    root_executor_id: 2,
    executors: [
      { id: 1, kind: 'Scan', size_bytes: 8 },
      { id: 2, kind: 'Produce', size_bytes: 8 },
    ],
    dependencies: [{ from: 1, to: 2 }],
  });

  it.each([
    ['pasted text', schedule],
    ['a small file', new Blob([schedule])],
  ])('reads %s itself', async (_name, source) => {
    const plan = await new PlanAnalysisClient().parse(source, 'small.json');
    expect(plan.kind).toBe('schedule');
  });

  it.each([
    ['pasted text', 'x'.repeat(MAIN_THREAD_PARSE_LIMIT + 1)],
    ['a file', new Blob([new Uint8Array(MAIN_THREAD_PARSE_LIMIT + 1)])],
  ])('refuses %s above the limit with a message, without parsing it', async (_name, source) => {
    const error: unknown = await new PlanAnalysisClient().parse(source, 'big.json').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MemscopeError);
    expect((error as MemscopeError).message).toMatch(
      /big\.json is too big to read without the analysis worker/,
    );
  });
});
