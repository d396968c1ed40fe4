import { describe, expect, it } from 'vitest';
import type { PlanGraph } from '../../core/plan/types';
import { buildGraphIndex, buildVisibleGraph, exclusiveInputs, searchNodes, slotShowing } from './dag-graph';
import { fastLayeredLayout } from '../../core/graph/fast-layered-layout';

function graph(edges: [string, string][], ids?: string[]): PlanGraph {
  const all = ids ?? [...new Set(edges.flat())];
  return {
    source: 'schedule',
    nodes: all.map((id) => ({ id, kind: id === '1' ? 'Start' : 'Filter', label: `x${id}`, metrics: {} })),
    edges: edges.map(([from, to]) => ({ from, to })),
    rootId: null,
    metricUnits: {},
  };
}

describe('exclusiveInputs', () => {
  // 1 -> 3, 2 -> 3, 3 -> 5, 4 -> 5, 2 -> 4 : 2 feeds both 3 and 4, so collapsing 3 keeps 2.
  const g = graph([
    ['1', '3'],
    ['2', '3'],
    ['3', '5'],
    ['4', '5'],
    ['2', '4'],
  ]);
  const index = buildGraphIndex(g);
  const ids = (xs: number[]) => xs.map((i) => g.nodes[i]!.id).sort();
  it.each([
    ['3', ['1']],
    ['4', []],
    ['5', ['1', '2', '3', '4']],
    ['1', []],
  ])('collapsing %s hides %j', (v, hidden) => {
    expect(ids(exclusiveInputs(index, index.indexOf.get(v)!))).toEqual(hidden);
  });

  it('redirects edges of hidden nodes to the collapsed node and counts what it hides', () => {
    const vis = buildVisibleGraph(index, [index.indexOf.get('3')!]);
    expect(vis.nodes.length).toBe(4);
    expect(vis.hiddenCount[vis.slotOf[index.indexOf.get('3')!]!]).toBe(1);
    // No edge names the hidden node 1.
    const hiddenSlot = vis.slotOf[index.indexOf.get('1')!];
    expect(hiddenSlot).toBe(-1);
    expect(vis.edges.length / 2).toBe(4);
  });

  it.each([
    ['3', '3'],
    ['1', '3'],
    ['5', '5'],
  ])('with 3 collapsed, node %s shows in the slot of %s', (node, shownBy) => {
    const vis = buildVisibleGraph(index, [index.indexOf.get('3')!]);
    expect(slotShowing(vis, index.indexOf.get(node)!)).toBe(vis.slotOf[index.indexOf.get(shownBy)!]);
    expect(slotShowing(vis, index.indexOf.get(node)!)).toBeGreaterThanOrEqual(0);
  });

  it('nests collapses: the outer one wins', () => {
    const vis = buildVisibleGraph(index, [index.indexOf.get('3')!, index.indexOf.get('5')!]);
    expect(vis.nodes.length).toBe(1);
    expect(vis.edges.length).toBe(0);
  });

  it('terminates on cycles', () => {
    const c = graph([
      ['1', '2'],
      ['2', '1'],
      ['2', '3'],
    ]);
    const ci = buildGraphIndex(c);
    expect(exclusiveInputs(ci, ci.indexOf.get('3')!)).toEqual([]);
  });
});

describe('searchNodes', () => {
  const g = graph([
    ['1', '12'],
    ['12', '2'],
  ]);
  it('puts the exact id first, then id substrings, then kinds', () => {
    expect(searchNodes(g, '1').map((i) => g.nodes[i]!.id)).toEqual(['1', '12']);
    expect(searchNodes(g, 'start').map((i) => g.nodes[i]!.id)).toEqual(['1']);
    expect(searchNodes(g, '  ')).toEqual([]);
  });
});

describe('fastLayeredLayout', () => {
  it('puts dependencies above their successors and survives a cycle', () => {
    const edges = Int32Array.from([0, 1, 1, 2, 2, 0, 0, 2]);
    const l = fastLayeredLayout(3, edges, 100, 40);
    expect(l.y[0]!).toBeLessThan(l.y[1]!);
    expect(l.y[1]!).toBeLessThan(l.y[2]!);
    expect(l.edgeOffsets.length).toBe(5);
  });

  it('never overlaps nodes of one row, at 10,000 nodes', () => {
    const n = 10_000;
    const pairs: number[] = [];
    let seed = 3;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = 1; i < n; i++) {
      pairs.push(i, Math.floor(rnd() * i));
      if (rnd() < 0.15) pairs.push(i, Math.floor(rnd() * i));
    }
    const l = fastLayeredLayout(n, Int32Array.from(pairs), 176, 58);
    const byRow = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const row = byRow.get(l.y[i]!) ?? [];
      row.push(l.x[i]!);
      byRow.set(l.y[i]!, row);
    }
    for (const xs of byRow.values()) {
      xs.sort((a, b) => a - b);
      for (let k = 1; k < xs.length; k++) expect(xs[k]! - xs[k - 1]!).toBeGreaterThanOrEqual(176);
    }
    for (let i = 0; i < n; i++) expect(l.x[i]!).toBeGreaterThanOrEqual(0);
  });
});
