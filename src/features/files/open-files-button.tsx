import { useEffect, useId, useRef } from 'react';
import { ACCEPTED_FILE_TYPES, groupPickedFolder } from './dropped-folders';

/**
 * A labelled file input styled as a button. The input stays in the accessibility tree (visually
 * hidden, not display:none) so that screen readers and Playwright's getByLabel('Open files') reach it.
 * Files picked together open together (a store, docs/store.md); "Open folder" picks a folder where
 * the browser offers it (`webkitdirectory`), named after it.
 */
export function OpenFilesButton({ onFiles }: { onFiles: (files: File[], folder: string | null) => void }) {
  const id = useId();
  const folderId = useId();
  const input = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  // Not a React prop: React's types do not know webkitdirectory; the DOM property does.
  useEffect(() => {
    if (folderInput.current) folderInput.current.webkitdirectory = true;
  }, []);
  return (
    <span className="open-files">
      <label htmlFor={folderId} className="button">
        Open folder
      </label>
      <input
        ref={folderInput}
        id={folderId}
        className="visually-hidden"
        type="file"
        onChange={(event) => {
          const group = groupPickedFolder(Array.from(event.currentTarget.files ?? []));
          event.currentTarget.value = '';
          if (group.files.length > 0) onFiles(group.files, group.folder);
        }}
      />
      <label htmlFor={id} className="button button-primary">
        Open files
      </label>
      <input
        ref={input}
        id={id}
        className="visually-hidden"
        type="file"
        multiple
        accept={ACCEPTED_FILE_TYPES}
        onChange={(event) => {
          const files = Array.from(event.currentTarget.files ?? []);
          // Reset so that picking the same file again still fires change.
          event.currentTarget.value = '';
          if (files.length > 0) onFiles(files, null);
        }}
      />
    </span>
  );
}
