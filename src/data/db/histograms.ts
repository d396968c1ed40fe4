import { niceBins, type Bins } from '../../core/sql/histogram-bins';
import {
  buildExtentQuery,
  buildHistogramQuery,
  type HistogramQuery,
  type HistogramSpec,
} from '../../core/sql/histogram-query';
import type { DbClient } from './db-client';

/** Histograms share the facets' channel: a newer update cancels the older one's query still running. */
const FACET_CHANNEL = 'facets';

export interface Histogram {
  spec: HistogramSpec;
  /** Null when the column holds no value to count (all NULL). */
  bins: Bins | null;
}

/**
 * The bins of every histogram column from one min/max scan (buildExtentQuery): asked for once per
 * table; the bins stay put while selections change, so bars do not jump about under the pointer.
 */
export async function histogramBins(
  db: DbClient,
  table: string,
  specs: readonly HistogramSpec[],
  signal?: AbortSignal,
): Promise<Histogram[]> {
  if (specs.length === 0) return [];
  const q = buildExtentQuery(table, specs);
  const { table: result } = await db.query(q.sql, { params: q.params, signal, channel: FACET_CHANNEL });
  return specs.map((spec, i) => {
    const lo: unknown = result.getChild(`lo${i}`)?.get(0);
    const hi: unknown = result.getChild(`hi${i}`)?.get(0);
    if (lo === null || lo === undefined || hi === null || hi === undefined) return { spec, bins: null };
    // Integers come back as text (exact past 2^53), times and numbers as doubles.
    const bound = (x: unknown) => (spec.scale === 'integer' ? BigInt(String(x)) : Number(x));
    return { spec, bins: niceBins(spec.scale, bound(lo), bound(hi), { dateOnly: spec.dateOnly }) };
  });
}

/** Rows per bin (buildHistogramQuery), every bin from 0 to bins.count − 1 (0 where none). */
export async function histogramCounts(
  db: DbClient,
  query: HistogramQuery,
  signal?: AbortSignal,
): Promise<number[]> {
  const q = buildHistogramQuery(query);
  const { table } = await db.query(q.sql, { params: q.params, signal, channel: FACET_CHANNEL });
  const counts = new Array<number>(query.bins.count).fill(0);
  const bins = table.getChild('bin');
  const n = table.getChild('n');
  for (let i = 0; i < table.numRows; i++) {
    const bin = Number(bins?.get(i));
    // A value outside the table's extent (the bins were made before it changed) is left out.
    if (bin >= 0 && bin < counts.length) counts[bin] = Number(n?.get(i) ?? 0);
  }
  return counts;
}
