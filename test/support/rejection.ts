import { expect } from 'vitest';
import { MemscopeError } from '../../src/core/errors';

/** The MemscopeError `promise` rejects with; fails the test if it resolves or rejects otherwise. */
export async function rejection(promise: Promise<unknown>): Promise<MemscopeError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(MemscopeError);
    return error as MemscopeError;
  }
  throw new Error('expected the promise to reject');
}
