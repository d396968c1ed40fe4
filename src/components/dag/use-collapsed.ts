/**
 * The DAG view's collapse state: which nodes have their exclusive inputs hidden, the visible graph
 * that follows (dag-graph.ts buildVisibleGraph) and whether the selected node can be collapsed.
 * Collapsed nodes belong to one graph: a new graph starts expanded.
 */
import { useMemo, useState } from 'react';
import type { PlanGraph } from '../../core/plan/types';
import { buildVisibleGraph, exclusiveInputs, type GraphIndex } from './dag-graph';

const NO_IDS: readonly string[] = [];

export function useCollapsed(graph: PlanGraph, index: GraphIndex, selectedId: string | null) {
  const [state, setState] = useState<{ graph: PlanGraph; ids: readonly string[] }>({ graph, ids: [] });
  const collapsedIds = state.graph === graph ? state.ids : NO_IDS;
  const setCollapsed = (ids: readonly string[]) => setState({ graph, ids });
  const visible = useMemo(
    () =>
      buildVisibleGraph(
        index,
        collapsedIds.map((id) => index.indexOf.get(id)).filter((i): i is number => i !== undefined),
      ),
    [index, collapsedIds],
  );

  const selectedIndex = selectedId === null ? -1 : (index.indexOf.get(selectedId) ?? -1);
  const selectedCollapsed = selectedId !== null && collapsedIds.includes(selectedId);
  const canCollapse = useMemo(
    () => selectedIndex >= 0 && !selectedCollapsed && exclusiveInputs(index, selectedIndex).length > 0,
    [index, selectedIndex, selectedCollapsed],
  );
  const toggleSelected = () => {
    if (selectedId === null) return;
    setCollapsed(
      selectedCollapsed ? collapsedIds.filter((id) => id !== selectedId) : [...collapsedIds, selectedId],
    );
  };

  return {
    visible,
    collapsedCount: collapsedIds.length,
    selectedIndex,
    selectedCollapsed,
    canCollapse,
    toggleSelected,
    expandAll: () => setCollapsed([]),
  };
}
