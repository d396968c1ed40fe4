import type { PlanNode } from '../../core/plan/types';

/** One way to colour nodes (kind, size, duration, wave, ...), chosen in the view's toolbar. */
export interface DagColourOption {
  readonly key: string;
  readonly label: string;
  /** categorical: one colour per distinct value; sequential: light-to-dark bins over numbers. */
  readonly type: 'categorical' | 'sequential';
  /** Sequential only: log bins suit byte sizes and durations that span orders of magnitude. */
  readonly scale?: 'linear' | 'log';
  readonly value: (node: PlanNode) => string | number | null;
  /** Formats a sequential bin boundary for the legend. */
  readonly format?: (value: number) => string;
}

export type DagHighlightStyle = 'active' | 'critical' | 'problem';

/** A set of nodes drawn distinctly (the current wave, the critical path, a cycle). */
export interface DagHighlight {
  readonly key: string;
  readonly label: string;
  readonly style: DagHighlightStyle;
  readonly ids: ReadonlySet<string>;
}

/** What the view reports once a layout is on screen (the bench and the status line use it). */
export interface DagPaintStats {
  readonly nodeCount: number;
  readonly edgeCount: number;
  readonly layoutMs: number;
  /** From the layout request to the first frame painted with it. */
  readonly totalMs: number;
  readonly engine: string;
}
