import { useMemo } from 'react';
import type { GridRowAction } from '../../components/data-grid/data-grid';

/**
 * The grid's row menu in Explore: "Find similar" (files with vectors: the same callback as the row
 * detail's button, src/app opens Similar on that row) and "Show details" (the row becomes the
 * active row, which opens its detail as a click would).
 */
export function useRowActions(
  onFindSimilar: ((fileRow: number) => void) | undefined,
  sourceKey: string,
  scrollToRow: (request: { row: number; sourceKey: string }) => void,
  /** Whether a row can be searched from (a store: its file has vectors); absent: every row. */
  canFindSimilar?: ((fileRow: number) => boolean) | undefined,
): readonly GridRowAction[] {
  return useMemo(
    () => [
      ...(onFindSimilar
        ? [
            {
              label: 'Find similar',
              enabled: (fileRow: number | null) => fileRow !== null && (canFindSimilar?.(fileRow) ?? true),
              run: (_row: number, fileRow: number | null) => {
                if (fileRow !== null) onFindSimilar(fileRow);
              },
            },
          ]
        : []),
      { label: 'Show details', run: (row: number) => scrollToRow({ row, sourceKey }) },
    ],
    [onFindSimilar, sourceKey, scrollToRow, canFindSimilar],
  );
}
