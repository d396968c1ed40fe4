import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';

/**
 * The grid's row menu (docs/table.md, "Row menu"): what the owner can do with a row ("Find
 * similar", "Show details"), passed in as data, so the grid knows nothing of features. Opened by
 * the "Row actions" button on the hovered or active row, or from the keyboard on the active row
 * (the context-menu key, Shift+F10); a `role="menu"` of `menuitem`s, arrows between them, Enter
 * runs one, Esc or Tab closes it and gives the focus back to the grid.
 */

export interface GridRowAction {
  label: string;
  /** Whether the action applies to this row (default: every row); others are not listed. */
  enabled?(fileRow: number | null): boolean;
  /** `row` is the position in the source, `fileRow` the file's row (null until its page is loaded). */
  run(row: number, fileRow: number | null): void;
}

/** The actions listed for a row. */
export function rowActionsFor(actions: readonly GridRowAction[], fileRow: number | null): GridRowAction[] {
  return actions.filter((a) => a.enabled?.(fileRow) ?? true);
}

export interface OpenRowMenu {
  row: number;
  fileRow: number | null;
  /** Where the menu opens, in the grid box's coordinates (below the row). */
  top: number;
  left: number;
}

/**
 * The "Row actions" button: one element, on the row under the pointer, else on the active row.
 * It lives in a zero-size sticky column beside the gutter (the gutter itself is hidden from
 * assistive technology); only this component re-renders as the pointer moves.
 */
export function RowMenuButton(p: {
  bodyRef: RefObject<HTMLDivElement | null>;
  activeRow: number | null;
  openRow: number | null;
  start: number;
  end: number;
  anchor: number;
  rowHeight: number;
  onOpen(row: number, button: HTMLElement): void;
}) {
  const [hovered, setHovered] = useState<number | null>(null);
  const { bodyRef } = p;
  useEffect(() => {
    const body = bodyRef.current;
    if (!body) return;
    const move = (e: MouseEvent) => {
      const rowEl = (e.target as Element).closest<HTMLElement>('[data-row]');
      if (rowEl) setHovered(Number(rowEl.dataset.row));
    };
    const leave = () => setHovered(null);
    body.addEventListener('mousemove', move);
    body.addEventListener('mouseleave', leave);
    return () => {
      body.removeEventListener('mousemove', move);
      body.removeEventListener('mouseleave', leave);
    };
  }, [bodyRef]);
  const row = p.openRow ?? hovered ?? p.activeRow;
  if (row === null || row < p.start || row >= p.end) return null;
  return (
    <div className="dg-menu-col">
      <button
        type="button"
        tabIndex={-1}
        className="dg-menu-button"
        aria-label="Row actions"
        aria-haspopup="menu"
        aria-expanded={p.openRow === row}
        title="Row actions (context-menu key, Shift+F10)"
        style={{ top: (row - p.anchor) * p.rowHeight + Math.max(0, (p.rowHeight - 20) / 2) }}
        onClick={(e) => p.onOpen(row, e.currentTarget)}
      >
        <span aria-hidden="true">⋯</span>
      </button>
    </div>
  );
}

export function RowMenu({
  menu,
  actions,
  onClose,
}: {
  menu: OpenRowMenu;
  actions: readonly GridRowAction[];
  /** Closes the menu and gives the focus back to the grid. */
  onClose(): void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const outside = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', outside, true);
    return () => document.removeEventListener('pointerdown', outside, true);
  }, [onClose]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const items = Array.from(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
    const at = items.indexOf(document.activeElement as HTMLElement);
    const focus = (i: number) => items[(i + items.length) % items.length]?.focus();
    if (e.key === 'ArrowDown') focus(at + 1);
    else if (e.key === 'ArrowUp') focus(at - 1);
    else if (e.key === 'Home') focus(0);
    else if (e.key === 'End') focus(items.length - 1);
    else if (e.key === 'Escape' || e.key === 'Tab') onClose();
    else return;
    e.preventDefault();
    // Esc closes the menu only, not the row detail around the grid as well.
    e.stopPropagation();
  };

  return (
    <div
      ref={ref}
      className="dg-menu"
      role="menu"
      aria-label={`Row ${menu.fileRow ?? menu.row + 1}`}
      style={{ top: menu.top, left: menu.left }}
      onKeyDown={onKeyDown}
    >
      {actions.map((a) => (
        <button
          key={a.label}
          type="button"
          role="menuitem"
          tabIndex={-1}
          className="dg-menu-item"
          onClick={() => {
            onClose();
            a.run(menu.row, menu.fileRow);
          }}
        >
          {a.label}
        </button>
      ))}
    </div>
  );
}
