/**
 * The DAG view's search: the query, the matching node indexes (by id or kind, see searchNodes) and
 * which match Enter goes to next.
 */
import { useMemo, useState } from 'react';
import type { PlanGraph } from '../../core/plan/types';
import { searchNodes } from './dag-graph';

export function useDagSearch(graph: PlanGraph) {
  const [query, setQuery] = useState('');
  const [matchCursor, setMatchCursor] = useState(0);
  const matches = useMemo(() => searchNodes(graph, query), [graph, query]);
  return { query, setQuery, matches, matchCursor, setMatchCursor };
}

/** `cursor` wrapped into 0..count-1 (either direction); null when there is nothing to go to. */
export function wrapCursor(cursor: number, count: number): number | null {
  return count === 0 ? null : ((cursor % count) + count) % count;
}
