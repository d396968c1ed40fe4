/**
 * What the DAG view asks of src/workers/layout.worker.ts and what it gets back. Nodes travel as
 * indexes 0..n-1 and edges as one Int32Array of (from, to) pairs, so a 10,000-node request is a few
 * typed arrays in a transfer list instead of 10,000 structured-cloned objects.
 */
export interface LayoutRequest {
  readonly nodeCount: number;
  readonly nodeWidth: number;
  readonly nodeHeight: number;
  /** (from, to) index pairs: from is drawn above to (dependencies flow down to the sink). */
  readonly edges: Int32Array;
  readonly engine: LayoutChoice;
}

/** 'auto': elkjs up to ELK_AUTO_LIMIT nodes, memscope's fast layered layout above. */
export type LayoutChoice = 'auto' | 'elk-layered' | 'fast-layered';
export type LayoutEngine = 'elk-layered' | 'fast-layered';

/**
 * Largest graph that 'auto' gives to elkjs. Measured in Chromium on the 2-core machine
 * (docs/plans.md): elk took ~0.2 s for 50 nodes, ~1.6 s for 1,000 and ~20 s for 10,000.
 */
export const ELK_AUTO_LIMIT = 300;

/** True when a request is laid out by elkjs (asked for, or 'auto' on a small graph). */
export const usesElk = (engine: LayoutChoice, nodeCount: number) =>
  engine === 'elk-layered' || (engine === 'auto' && nodeCount <= ELK_AUTO_LIMIT);

export interface LayoutResult {
  /** Top-left corner of each node. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly width: number;
  readonly height: number;
  /** Edge k's polyline is points [edgeOffsets[k], edgeOffsets[k+1]) of edgePoints (x, y pairs). */
  readonly edgeOffsets: Int32Array;
  readonly edgePoints: Float64Array;
  readonly engine: LayoutEngine;
  /** Why this engine was used when it was not the one asked for. */
  readonly note: string | null;
  readonly elapsedMs: number;
}
