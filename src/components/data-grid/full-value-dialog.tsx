import { useEffect, useRef } from 'react';
import type { CellValue } from '../../core/format/cell-value';
import { ValueView } from './value-view';

export interface FullValue {
  column: string;
  /** "row 12" as shown in the gutter. */
  rowLabel: string;
  cell: CellValue;
  bytes?: Uint8Array | undefined;
  copy: string;
}

/** A modal with one value in full (native <dialog>: focus trap, Escape and top layer for free). */
export function FullValueDialog({
  value,
  onClose,
  onCopy,
}: {
  value: FullValue;
  onClose(): void;
  onCopy(text: string): void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    // No close() in a cleanup: StrictMode's re-run would fire `close` and unmount the dialog.
    // Unmounting removes the element, which takes it out of the top layer anyway.
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className="dg-dialog"
      aria-label={`${value.column}, ${value.rowLabel}`}
      onClose={onClose}
    >
      <header className="dg-dialog-head">
        <h2>
          {value.column} <span className="dg-muted">{value.rowLabel}</span>
        </h2>
        <button type="button" onClick={() => onCopy(value.copy)}>
          Copy
        </button>
        <button type="button" onClick={onClose} aria-label="Close">
          ✕
        </button>
      </header>
      <div className="dg-dialog-body">
        <ValueView cell={value.cell} bytes={value.bytes} name={value.column} />
      </div>
    </dialog>
  );
}
