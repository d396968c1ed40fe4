/**
 * Per graph node, which highlights it carries (active wave, critical path, problem, search match)
 * as bit flags, so drawing a ring or a class is one AND. Pure.
 */
import type { GraphIndex, VisibleGraph } from './dag-graph';
import type { DagHighlight } from './dag-types';

export const FLAG_ACTIVE = 1;
export const FLAG_CRITICAL = 2;
export const FLAG_PROBLEM = 4;
export const FLAG_SEARCH = 8;
export const ALL_FLAGS = [FLAG_ACTIVE, FLAG_CRITICAL, FLAG_PROBLEM, FLAG_SEARCH] as const;

/** Flags per graph node; a hidden node's flags also show on the collapsed node that stands for it. */
export function nodeFlags(
  index: GraphIndex,
  visible: VisibleGraph,
  highlights: readonly DagHighlight[],
  matches: readonly number[],
): Uint8Array {
  const f = new Uint8Array(index.n);
  for (const h of highlights) {
    const bit = h.style === 'active' ? FLAG_ACTIVE : h.style === 'critical' ? FLAG_CRITICAL : FLAG_PROBLEM;
    for (const id of h.ids) {
      const i = index.indexOf.get(id);
      if (i !== undefined) f[i]! |= bit;
    }
  }
  for (const i of matches) f[i]! |= FLAG_SEARCH;
  for (let i = 0; i < index.n; i++) {
    const r = visible.representative[i]!;
    if (r !== -1 && f[i]) f[r]! |= f[i]!;
  }
  return f;
}
