import { useState } from 'react';
import { ExportMenu } from '../../components/export-menu/export-menu';
import type { ColumnPlan } from '../../core/schema/column-plan';
import type { Filter, SortSpec } from '../../core/sql/table-query';
import type { DbClient } from '../../data/db/db-client';
import { exportTable } from '../../data/export/export-table';
import { exportableHeavy } from '../../data/export/heavy-export';
import { runExport } from '../../data/export/run-export';
import type { HeavyColumnStore } from '../../data/heavy-store';

interface TableExportProps {
  db: DbClient;
  table: string;
  fileName: string;
  columns: readonly ColumnPlan[];
  /** The file's heavy store: its columns can be included, read from the file (null for a store). */
  heavy: HeavyColumnStore | null;
  sort: SortSpec | null;
  filters: readonly Filter[];
  tiebreaker: string | undefined;
  labels: ReadonlyMap<string, string>;
  ready: boolean;
}

/**
 * "Export" of the table view: the filtered, sorted rows, every one (docs/explore.md, "Export"), with
 * "Include vectors and binary columns" where the file has columns kept out of DuckDB: they are then
 * read from the file for each page and written in the file's column order.
 */
export function TableExport({ db, table, fileName, columns, heavy, ...view }: TableExportProps) {
  const [withHeavy, setWithHeavy] = useState(false);
  const heavyExport = heavy ? { store: heavy, columns } : null;
  const canAddHeavy = heavyExport !== null && exportableHeavy(heavyExport).length > 0;
  return (
    <ExportMenu
      ready={view.ready}
      errorFile={fileName}
      toggle={
        canAddHeavy
          ? { label: 'Include vectors and binary columns', checked: withHeavy, onChange: setWithHeavy }
          : undefined
      }
      run={(format, signal, onProgress) =>
        runExport(format, table, (sink) =>
          exportTable(
            db,
            {
              table,
              sort: view.sort,
              filters: view.filters,
              tiebreaker: view.tiebreaker,
              labels: view.labels,
              // Columns kept out of DuckDB by the plan are not the view's, even once a file's vectors
              // were added to SQL: they come from the file, with the checkbox, or not at all.
              leaveOut: columns.filter((c) => c.destination !== 'duckdb').map((c) => c.name),
              signal,
              onProgress,
              ...(withHeavy && canAddHeavy ? { heavy: heavyExport } : {}),
            },
            sink,
          ),
        )
      }
    />
  );
}
