import { useEffect, useId, useRef } from 'react';
import { ACCEPTED_FILE_TYPES, groupPickedFolder } from './dropped-folders';

/**
 * "Open folder" and "Open files": labelled file inputs styled as buttons. The inputs stay in the
 * accessibility tree (visually hidden, not display:none) so that screen readers and Playwright's
 * getByLabel('Open files') reach them. Files picked together open together (a store,
 * docs/store.md); "Open folder" picks a folder where the browser offers it (`webkitdirectory`),
 * and the store is named after it.
 */
export function OpenFilesButton({ onFiles }: { onFiles: (files: File[], folder: string | null) => void }) {
  return (
    <span className="open-files">
      <FileInput
        label="Open folder"
        folder
        onPick={(files) => {
          const group = groupPickedFolder(files);
          if (group.files.length > 0) onFiles(group.files, group.folder);
        }}
      />
      <FileInput label="Open files" primary onPick={(files) => onFiles(files, null)} />
    </span>
  );
}

function FileInput({
  label,
  folder = false,
  primary = false,
  onPick,
}: {
  label: string;
  folder?: boolean;
  primary?: boolean;
  onPick: (files: File[]) => void;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  // Not a React prop: React's types do not know webkitdirectory; the DOM property does.
  useEffect(() => {
    if (input.current && folder) input.current.webkitdirectory = true;
  }, [folder]);
  return (
    <>
      <label htmlFor={id} className={primary ? 'button button-primary' : 'button'}>
        {label}
      </label>
      <input
        ref={input}
        id={id}
        className="visually-hidden"
        type="file"
        multiple={!folder}
        accept={folder ? undefined : ACCEPTED_FILE_TYPES}
        onChange={(event) => {
          const files = Array.from(event.currentTarget.files ?? []);
          // Reset so that picking the same file again still fires change.
          event.currentTarget.value = '';
          if (files.length > 0) onPick(files);
        }}
      />
    </>
  );
}
