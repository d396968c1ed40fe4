import { describe, expect, it } from 'vitest';
import type { PlanGraph } from '../../core/plan/types';
import { FLAG_ACTIVE, FLAG_CRITICAL, FLAG_PROBLEM, FLAG_SEARCH, nodeFlags } from './dag-flags';
import { buildGraphIndex, buildVisibleGraph } from './dag-graph';
import type { DagHighlight } from './dag-types';

// 1 -> 3, 2 -> 3, 3 -> 4: collapsing 3 hides 1 and 2.
const g: PlanGraph = {
  source: 'schedule',
  nodes: ['1', '2', '3', '4'].map((id) => ({ id, kind: 'K', label: id, metrics: {} })),
  edges: [
    { from: '1', to: '3' },
    { from: '2', to: '3' },
    { from: '3', to: '4' },
  ],
  rootId: null,
  metricUnits: {},
};
const index = buildGraphIndex(g);
const at = (id: string) => index.indexOf.get(id)!;
const hl = (style: DagHighlight['style'], ids: string[]): DagHighlight => ({
  key: style,
  label: style,
  style,
  ids: new Set(ids),
});

describe('nodeFlags', () => {
  it.each([
    {
      name: 'one bit per highlight style, search matches and unknown ids ignored',
      collapsed: [] as string[],
      highlights: [hl('active', ['1', 'nope']), hl('critical', ['1', '4']), hl('problem', ['2'])],
      matches: ['4'],
      expected: {
        '1': FLAG_ACTIVE | FLAG_CRITICAL,
        '2': FLAG_PROBLEM,
        '3': 0,
        '4': FLAG_CRITICAL | FLAG_SEARCH,
      },
    },
    {
      name: 'hidden nodes pass their flags to the collapsed node',
      collapsed: ['3'],
      highlights: [hl('active', ['1']), hl('problem', ['2'])],
      matches: [],
      expected: { '1': FLAG_ACTIVE, '2': FLAG_PROBLEM, '3': FLAG_ACTIVE | FLAG_PROBLEM, '4': 0 },
    },
  ])('$name', ({ collapsed, highlights, matches, expected }) => {
    const visible = buildVisibleGraph(index, collapsed.map(at));
    const flags = nodeFlags(index, visible, highlights, matches.map(at));
    for (const [id, f] of Object.entries(expected)) expect(flags[at(id)], `node ${id}`).toBe(f);
  });
});
