import { MemscopeError } from '../errors';

/**
 * What the user typed in "Query": a memory id, or a vector pasted as a JSON array or as numbers
 * separated by commas and/or spaces.
 */

export type QueryInput = { kind: 'vector'; values: Float32Array } | { kind: 'id'; id: string };

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
/** Tokens of a pasted vector: numbers and the words NaN/Infinity (rejected later with a clear message). */
const TOKEN = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$|^[-+]?(nan|inf|infinity)$/i;

function tokens(text: string): string[] | null {
  const t = text.trim();
  if (t.startsWith('[')) {
    if (!t.endsWith(']')) return null;
    return t
      .slice(1, -1)
      .split(/[\s,]+/)
      .filter((s) => s.length > 0);
  }
  const parts = t.split(/[\s,]+/).filter((s) => s.length > 0);
  return parts;
}

/**
 * An id or a vector: text that is two or more numbers (or a JSON array) is a vector; anything
 * else, one number included, is an id.
 */
export function classifyQuery(text: string): QueryInput {
  const t = text.trim();
  const parts = tokens(t);
  const looksVector =
    t.startsWith('[') || (parts !== null && parts.length >= 2 && parts.every((p) => TOKEN.test(p)));
  if (!looksVector) return { kind: 'id', id: t };
  return { kind: 'vector', values: parseVectorText(t) };
}

/**
 * Parses a pasted vector. Throws a MemscopeError (invalid-input) for text that is not a list of
 * finite numbers, and, when `dim` is given, for a vector of another dimension (naming both).
 */
export function parseVectorText(text: string, dim?: number, column = 'the embedding column'): Float32Array {
  const t = text.trim();
  const parts = tokens(t);
  if (parts === null || parts.length === 0) {
    throw new MemscopeError({
      code: 'invalid-input',
      message: 'The query is not a vector: expected a JSON array or numbers separated by commas or spaces.',
      hint: 'Paste e.g. [0.12, -0.5, 0.33] or 0.12 -0.5 0.33.',
    });
  }
  const bad = parts.find((p) => !NUMBER.test(p));
  if (bad !== undefined) {
    const nonFinite = /^[-+]?(nan|inf|infinity)$/i.test(bad);
    throw new MemscopeError({
      code: 'invalid-input',
      message: nonFinite
        ? `The query vector holds "${bad}": only finite numbers can be searched.`
        : `The query vector holds "${bad.slice(0, 40)}", which is not a number.`,
      hint: 'Paste a JSON array or numbers separated by commas or spaces.',
    });
  }
  const values = Float32Array.from(parts, Number);
  if (values.some((v) => !Number.isFinite(v))) {
    throw new MemscopeError({
      code: 'invalid-input',
      message: 'The query vector holds a number too large for float32.',
      hint: 'Use values within ±3.4e38.',
    });
  }
  if (dim !== undefined && values.length !== dim) {
    throw new MemscopeError({
      code: 'invalid-input',
      message: `The pasted vector has ${values.length} dimensions, but ${column} has ${dim}.`,
      hint: `Paste a vector of ${dim} numbers, or a memory id.`,
    });
  }
  return values;
}
