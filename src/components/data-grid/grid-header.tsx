import { useLayoutEffect, useRef } from 'react';
import { MAX_WIDTH, MIN_WIDTH, nextSort, type ColumnModel, type VisibleColumn } from './column-model';
import { HEADER_HEIGHT } from './grid-metrics';
import type { GridSort } from '../../core/grid-source';

// A resize key press moves a column edge this far.
const RESIZE_STEP = 16;

/**
 * The header whose sort button was used last, so that it gets focus back if a new sort remounts the
 * grid (the owner may show "Counting rows…" while the sorted rows are counted, and the focused
 * button goes with the old grid). Kept while that button has focus or nothing has; dropped as soon
 * as focus is somewhere else, or after a while, so it never steals focus later.
 */
let sortFocus: { grid: string | null; column: string; until: number } | null = null;
const SORT_FOCUS_MS = 30_000;

function gridOf(el: Element): string | null {
  return el.closest('[role="grid"]')?.getAttribute('aria-label') ?? null;
}

/**
 * The header row (`aria-rowindex` 1): the gutter's head, then a column header per painted column
 * with its sort button and resize handle.
 */
export function GridHeader({
  columns,
  visibleColumns,
  totalWidth,
  gutter,
  hasRowNumbers,
  sort,
  onSortChange,
  onResize,
}: {
  columns: readonly ColumnModel[];
  visibleColumns: readonly VisibleColumn[];
  totalWidth: number;
  gutter: number;
  hasRowNumbers: boolean;
  sort: GridSort | null;
  onSortChange: ((sort: GridSort | null) => void) | undefined;
  onResize(key: string, width: number): void;
}) {
  return (
    <div
      className="dg-header"
      role="row"
      aria-rowindex={1}
      style={{ height: HEADER_HEIGHT, width: totalWidth }}
    >
      <div className="dg-gutter dg-gutter-head" aria-hidden="true" style={{ width: gutter }}>
        {hasRowNumbers ? 'row' : '#'}
      </div>
      {visibleColumns.map((vc) => {
        const column = columns[vc.index];
        if (!column) return null;
        const sortEnabled = Boolean(onSortChange) && column.sortable;
        return (
          <HeaderCell
            key={column.key}
            column={column}
            colIndex={vc.index}
            left={vc.start}
            width={vc.size}
            sort={sort?.column === column.name ? sort.direction : null}
            sortEnabled={sortEnabled}
            onSort={() => {
              if (sortEnabled) onSortChange?.(nextSort(sort, column.name));
            }}
            onResize={(w) => onResize(column.key, w)}
          />
        );
      })}
    </div>
  );
}

interface HeaderCellProps {
  column: ColumnModel;
  colIndex: number;
  left: number;
  width: number;
  sort: 'asc' | 'desc' | null;
  sortEnabled: boolean;
  onSort(): void;
  onResize(width: number): void;
}

/** The header's tooltip: name and type, and the SQL name when the file's name is not usable there. */
function headerTitle(column: ColumnModel): string {
  const sql = column.label === column.name || column.source === null ? '' : `, "${column.name}" in SQL`;
  return `${column.label} (${column.typeLabel}${sql})`;
}

/**
 * A column header. Its accessible name is the column name: the type label and the sort arrow are
 * aria-hidden, and `aria-sort` says the order.
 */
function HeaderCell({ column, colIndex, left, width, sort, sortEnabled, onSort, onResize }: HeaderCellProps) {
  const drag = useRef<{ x: number; width: number } | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => {
    const el = button.current;
    if (!sortFocus || !el || sortFocus.column !== column.name || sortFocus.grid !== gridOf(el)) return;
    const active = document.activeElement;
    if (performance.now() > sortFocus.until || (active && active !== document.body && active !== el)) {
      sortFocus = null;
    } else if (active !== el) {
      el.focus({ preventScroll: true });
    }
  });
  return (
    <div
      className={`dg-th${column.numeric ? ' dg-num' : ''}`}
      role="columnheader"
      // The name alone: without it the resize handle's label joins the header's name.
      aria-label={column.label}
      aria-colindex={colIndex + 1}
      aria-sort={sort === 'asc' ? 'ascending' : sort === 'desc' ? 'descending' : 'none'}
      style={{ transform: `translateX(${left}px)`, width }}
    >
      {sortEnabled ? (
        <button
          type="button"
          ref={button}
          className="dg-th-button"
          onClick={(e) => {
            sortFocus = {
              grid: gridOf(e.currentTarget),
              column: column.name,
              until: performance.now() + SORT_FOCUS_MS,
            };
            onSort();
          }}
          title={`${headerTitle(column)}: sort`}
        >
          <span className="dg-th-name">{column.label}</span>
          <span className="dg-th-type" aria-hidden="true">
            {column.typeLabel}
          </span>
          <span className="dg-sort" aria-hidden="true">
            {sort === 'asc' ? '▲' : sort === 'desc' ? '▼' : ''}
          </span>
        </button>
      ) : (
        <span className="dg-th-button" title={headerTitle(column)}>
          <span className="dg-th-name">{column.label}</span>
          <span className="dg-th-type" aria-hidden="true">
            {column.typeLabel}
          </span>
        </span>
      )}
      <div
        className="dg-resize"
        role="separator"
        aria-orientation="vertical"
        aria-label={`Resize ${column.label}`}
        aria-valuenow={width}
        aria-valuemin={MIN_WIDTH}
        aria-valuemax={MAX_WIDTH}
        tabIndex={0}
        onPointerDown={(e) => {
          // Not a sort click, and the pointer stays captured when it leaves the thin handle.
          e.preventDefault();
          e.stopPropagation();
          e.currentTarget.setPointerCapture(e.pointerId);
          drag.current = { x: e.clientX, width };
        }}
        onPointerMove={(e) => {
          if (drag.current) onResize(drag.current.width + e.clientX - drag.current.x);
        }}
        onPointerUp={() => {
          drag.current = null;
        }}
        onPointerCancel={() => {
          drag.current = null;
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
            e.preventDefault();
            onResize(width + (e.key === 'ArrowRight' ? RESIZE_STEP : -RESIZE_STEP));
          }
        }}
      />
    </div>
  );
}
