import { useEffect, useRef, useState } from 'react';
import { readDroppedEntries } from './dropped-folders';

/**
 * Page-wide drag-and-drop: files dropped anywhere open. A counter tracks nested dragenter/dragleave
 * pairs, which browsers fire for every child element crossed. Files dropped together are opened
 * together (a store, docs/store.md); a dropped folder is one group named after it.
 */
export function DropOverlay({ onFiles }: { onFiles: (files: File[], folder: string | null) => void }) {
  const [active, setActive] = useState(false);
  const depth = useRef(0);
  const onFilesRef = useRef(onFiles);
  useEffect(() => {
    onFilesRef.current = onFiles;
  }, [onFiles]);

  useEffect(() => {
    const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');
    const enter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth.current += 1;
      setActive(true);
    };
    const over = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      // Without preventDefault on dragover the browser navigates to the dropped file.
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const leave = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setActive(false);
    };
    const drop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth.current = 0;
      setActive(false);
      // A view that handled the drop itself (Plans takes a dropped schedule .json) marks it so.
      if (event.defaultPrevented) return;
      event.preventDefault();
      const files = Array.from(event.dataTransfer?.files ?? []);
      // Entries exist only during the event; a folder's files are read from them afterwards.
      const entries = Array.from(event.dataTransfer?.items ?? [])
        .map((item) => (item.kind === 'file' ? item.webkitGetAsEntry() : null))
        .filter((e): e is FileSystemEntry => e !== null);
      if (entries.some((e) => e.isDirectory)) {
        void readDroppedEntries(entries).then(
          (groups) => {
            for (const g of groups) onFilesRef.current(g.files, g.folder);
          },
          // A folder the browser will not read: open what the drop listed, as loose files.
          () => onFilesRef.current(files, null),
        );
      } else if (files.length > 0) onFilesRef.current(files, null);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);

  if (!active) return null;
  return (
    <div className="drop-overlay" aria-hidden="true">
      <div className="drop-overlay-card">
        Drop Parquet, CSV or Arrow files to open them. Nothing is uploaded.
      </div>
    </div>
  );
}
