import type { Table } from 'apache-arrow';
import type { ColourCodes, ColourColumn } from '../../core/map/colours';
import type { VectorIndex } from '../../data/vectors/vector-index';
import type { SimilarPeer } from './search-scope';

/** What the Similar view is given (src/app wires it from the opened file): its contract. */

export interface SimilarRows {
  /** The rows' columns (light ones, from DuckDB by `__row`), one per entry of `rows`, in that order. */
  fetchRows(rows: Float64Array, signal: AbortSignal): Promise<Table>;
  /** The `__row` of a memory id (the id column), or null when there is none. */
  rowOfId(id: string): Promise<number | null>;
  /**
   * The rows of several files at once (a search over every open file), one per hit in the order
   * given, their columns united by name. Without it such results show rank, score, file and `__row`.
   */
  fetchAcross?(hits: readonly { fileName: string; row: number }[], signal: AbortSignal): Promise<Table>;
  /** "Colour by" on the map: the column's top values and a code per `__row` (DuckDB, one query). */
  colourCodes?(column: string, signal: AbortSignal): Promise<ColourCodes>;
}

export interface SimilarViewProps {
  fileName: string;
  index: VectorIndex;
  rows: SimilarRows;
  /** The id column's name (by role), for lookups and the CSV. */
  idColumn: string | null;
  /** The text column shown when hovering the map (by role: content, summary, …), or null. */
  textColumn?: string | null;
  /** Columns the map can be coloured by (low-cardinality by role or type). */
  colourColumns?: readonly ColourColumn[];
  /** Set to search from a row ("Find similar" in Explore); a new value runs a search. */
  queryRow?: number | null;
  /** The file's current Explore filter as a `__row` bitmap; the checkbox shows when given. */
  exploreFilter?: (() => Promise<Uint8Array | null>) | undefined;
  /** Other open files whose vectors have this dimension: one search can cover them all. */
  peers?: readonly SimilarPeer[];
  /**
   * "Find similar" from a row of this store (its title): `peers` are the store's other files, and
   * the search covers them from the start.
   */
  acrossStore?: string | null;
  /** A result was clicked: open that row of its file (`fileName` absent: this file). */
  onOpenRow?(row: number, fileName?: string): void;
  /** "Show in Explore" for a box selection on the map. */
  onShowInExplore?(rows: Float64Array): void;
}
