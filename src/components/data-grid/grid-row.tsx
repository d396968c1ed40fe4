import { memo } from 'react';
import type { Vector } from 'apache-arrow';
import type { CellValue } from '../../core/format/cell-value';
import { formatCell, isTruncated } from '../../core/format/format-cell';
import { Highlighted, cellLook } from './cell-content';
import type { ColumnModel, GridExtraColumn, VisibleColumn } from './column-model';
import { cellId } from './grid-paint';
import { fileRowOf, type PageView } from './use-grid-pages';

// Rows, cells and gutter labels are memoized on plain props (numbers, strings, arrays kept stable
// by their owners): while scrolling, a row that stays on screen is skipped by React.

interface GridRowProps {
  row: number;
  top: number;
  height: number;
  width: number;
  view: PageView | undefined;
  local: number;
  columns: readonly ColumnModel[];
  visibleColumns: readonly VisibleColumn[];
  activeCol: number;
  gridId: string;
  heavyVersion: number;
  pendingBackground: string;
}

/** One data row: `aria-rowindex` = row + 2 (the header row is 1). */
export const GridRow = memo(function GridRow(p: GridRowProps) {
  const fileRow = p.view ? fileRowOf(p.view, p.local, p.row) : -1;
  if (!p.view && p.activeCol < 0) {
    // Loading: no cells yet (the active row keeps its cells: aria-activedescendant points there).
    return (
      <div
        className="dg-row dg-row-pending"
        role="row"
        aria-rowindex={p.row + 2}
        aria-busy="true"
        data-row={p.row}
        style={{ top: p.top, height: p.height, width: p.width, background: p.pendingBackground }}
      />
    );
  }
  return (
    <div
      className={p.activeCol >= 0 ? 'dg-row dg-row-active' : p.row % 2 ? 'dg-row dg-row-odd' : 'dg-row'}
      role="row"
      aria-rowindex={p.row + 2}
      aria-selected={p.activeCol >= 0}
      data-row={p.row}
      style={{ top: p.top, height: p.height, width: p.width }}
    >
      {p.visibleColumns.map((vc) => {
        const column = p.columns[vc.index];
        if (!column) return null;
        const vector = p.view?.vectors[vc.index] ?? null;
        return (
          <GridCell
            key={column.key}
            id={cellId(p.gridId, p.row, vc.index)}
            colIndex={vc.index}
            left={vc.start}
            width={vc.size}
            numeric={column.numeric}
            active={p.activeCol === vc.index}
            loaded={Boolean(p.view)}
            vector={vector}
            local={p.local}
            extra={column.extra}
            fileRow={fileRow}
            heavyVersion={column.extra ? p.heavyVersion : 0}
            highlight={column.highlight}
          />
        );
      })}
    </div>
  );
});

interface GridCellProps {
  id: string;
  colIndex: number;
  left: number;
  width: number;
  numeric: boolean;
  active: boolean;
  loaded: boolean;
  vector: Vector | null;
  local: number;
  extra: GridExtraColumn | null;
  fileRow: number;
  /** Changes when heavy values arrive, so extra cells re-read them. */
  heavyVersion: number;
  /** Text to mark in a string value (a full-text filter's), or null. */
  highlight: string | null;
}

/**
 * Formats its value from the Arrow page when (and only when) it is painted. A cell is one element
 * holding one text node for scalar kinds; a loading cell is empty (its grey bar is a background).
 * The copy / expand buttons exist only on the active cell; the body's click handler runs them.
 */
const GridCell = memo(function GridCell(p: GridCellProps) {
  let cell: CellValue | undefined;
  if (p.loaded) {
    if (p.extra) cell = p.extra.getCell(p.fileRow, 'cell');
    else if (p.vector) cell = formatCell(p.vector, p.local);
  }
  const look = cell ? cellLook(cell) : null;
  let className = look ? (look.className ? `dg-cell ${look.className}` : 'dg-cell') : 'dg-cell dg-pending';
  if (p.numeric) className += ' dg-num';
  if (p.active) className += ' dg-active';
  return (
    <div
      id={p.id}
      className={className}
      role="gridcell"
      aria-colindex={p.colIndex + 1}
      aria-selected={p.active}
      aria-busy={look ? undefined : true}
      title={look?.title}
      data-col={p.colIndex}
      style={{ left: p.left, width: p.width }}
    >
      {cell?.kind === 'string' && p.highlight !== null && !cell.empty ? (
        <Highlighted text={cell.text} query={p.highlight} />
      ) : (
        look?.content
      )}
      {p.active && cell ? (
        <span className="dg-cell-actions">
          {isTruncated(cell) ? (
            <CellButton
              action="expand"
              title="Show the full value (Enter)"
              label="Show full value"
              icon="M9 3h4v4M13 3 8 8M7 13H3V9M3 13l5-5"
            />
          ) : null}
          <CellButton
            action="copy"
            title="Copy (Ctrl/Cmd+C)"
            label="Copy value"
            icon="M5 5h8v8H5zM3 11V3h8"
          />
        </span>
      ) : null}
    </div>
  );
});

/** One row's label in the sticky gutter column (hidden from assistive technology). */
export const GutterLabel = memo(function GutterLabel(p: { top: number; height: number; label: string }) {
  return (
    <div className="dg-gutter-label" style={{ top: p.top, height: p.height }}>
      {p.label}
    </div>
  );
});

/**
 * A button on the active cell. Not focusable (the grid keeps focus; keys reach it as Enter and
 * Ctrl/Cmd+C); the body's click handler reads `data-action`.
 */
function CellButton(p: { action: 'expand' | 'copy'; title: string; label: string; icon: string }) {
  return (
    <button type="button" tabIndex={-1} data-action={p.action} title={p.title} aria-label={p.label}>
      <svg width="12" height="12" viewBox="0 0 16 16" aria-hidden="true">
        <path d={p.icon} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
      </svg>
    </button>
  );
}
