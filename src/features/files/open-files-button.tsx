import { useId, useRef } from 'react';

export const ACCEPTED_FILE_TYPES = '.parquet,.parq,.pq,.csv,.tsv,.arrow,.feather,.ipc';

/**
 * A labelled file input styled as a button. The input stays in the accessibility tree (visually
 * hidden, not display:none) so that screen readers and Playwright's getByLabel('Open files') reach it.
 */
export function OpenFilesButton({ onFiles }: { onFiles: (files: File[]) => void }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  return (
    <span className="open-files">
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
          if (files.length > 0) onFiles(files);
        }}
      />
    </span>
  );
}
