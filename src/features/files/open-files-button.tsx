import { useEffect, useId, useRef } from 'react';
import type { Picked } from '../../data/files/remembered-files';
import { ACCEPTED_FILE_TYPES, groupPickedFolder } from './dropped-folders';
import { pickersWithHandles, pickWithHandles } from './file-system-access';

/** Files picked together; `group` holds their handles when the File System Access picker gave them. */
export type OnPicked = (files: File[], folder: string | null, group?: Picked) => void;

/**
 * "Open folder" and "Open files": labelled file inputs styled as buttons. The inputs stay in the
 * accessibility tree (visually hidden, not display:none) so that screen readers and Playwright's
 * getByLabel('Open files') reach them. Files picked together open together (a store,
 * docs/store.md); "Open folder" picks a folder where the browser offers it (`webkitdirectory`),
 * and the store is named after it. Where the browser has the File System Access pickers, a click
 * opens those instead, and the picks are remembered for "Reopen last files" (file-system-access.ts).
 */
export function OpenFilesButton({
  onFiles,
  onError,
}: {
  onFiles: OnPicked;
  onError: (err: unknown) => void;
}) {
  return (
    <span className="open-files">
      <FileInput
        label="Open folder"
        folder
        onHandles={onFiles}
        onError={onError}
        onPick={(files) => {
          const group = groupPickedFolder(files);
          if (group.files.length > 0) onFiles(group.files, group.folder);
        }}
      />
      <FileInput
        label="Open files"
        primary
        onHandles={onFiles}
        onError={onError}
        onPick={(files) => onFiles(files, null)}
      />
    </span>
  );
}

function FileInput({
  label,
  folder = false,
  primary = false,
  onPick,
  onHandles,
  onError,
}: {
  label: string;
  folder?: boolean;
  primary?: boolean;
  onPick: (files: File[]) => void;
  onHandles: OnPicked;
  onError: (err: unknown) => void;
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
        onClick={(event) => {
          if (!pickersWithHandles(folder)) return;
          // The File System Access picker instead of the input's own chooser.
          event.preventDefault();
          pickWithHandles(folder).then((picked) => {
            if (picked && picked.files.length > 0) onHandles(picked.files, picked.folder, picked.group);
          }, onError);
        }}
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
