import { useEffect, useRef, useState } from 'react';
import type { Picked } from '../../data/files/remembered-files';
import { readDroppedEntries } from './dropped-folders';
import { readDropHandles, takeDropHandles } from './dropped-handles';

/**
 * Page-wide drag-and-drop: files dropped anywhere open. A counter tracks nested dragenter/dragleave
 * pairs, which browsers fire for every child element crossed. Files dropped together are opened
 * together (a store, docs/store.md); a dropped folder is one group named after it. Where the browser
 * gives the drop's handles (`getAsFileSystemHandle`), the files are read from them, as picked files
 * are, and the handles come with them to be remembered for "Reopen last files".
 */
export function DropOverlay({
  onFiles,
}: {
  onFiles: (files: File[], folder: string | null, group?: Picked) => void;
}) {
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
      const items = Array.from(event.dataTransfer?.items ?? []);
      // Handles and entries exist only during the event: both are asked for here, read afterwards.
      const handles = takeDropHandles(items);
      const entries = items
        .map((item) => (item.kind === 'file' ? item.webkitGetAsEntry() : null))
        .filter((e): e is FileSystemEntry => e !== null);
      const fromEntries = () => {
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
      if (handles === null) fromEntries();
      else
        void readDropHandles(handles).then((groups) => {
          if (groups === null) fromEntries();
          else for (const g of groups) onFilesRef.current(g.files, g.folder, g.group);
        }, fromEntries);
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
