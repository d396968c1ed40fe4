import { useEffect, useState } from 'react';
import './reopen-last-files.css';
import { describeGroups } from '../../core/files/remembered-files';
import {
  PermissionRefused,
  readPicked,
  type Picked,
  type RememberedFiles,
} from '../../data/files/remembered-files';
import type { OnPicked } from './open-files-button';

interface ReopenLastFilesProps {
  remembered: RememberedFiles;
  onFiles: OnPicked;
  onError: (message: string, hint: string) => void;
}

/**
 * "Reopen last files": the files picked through the File System Access API that were open when the
 * page was last left, offered once after a reload (docs/explore.md). The click asks the browser for
 * read permission (its prompt needs that click), reads each file again from its handle and opens
 * each pick as it was opened (a folder is a store again). A pick that cannot be read is named; the
 * others still open.
 */
export function ReopenLastFiles({ remembered, onFiles, onError }: ReopenLastFilesProps) {
  const [groups, setGroups] = useState<readonly Picked[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void remembered.lastSession().then((last) => {
      if (live) setGroups(last);
    });
    return () => {
      live = false;
    };
  }, [remembered]);

  if (groups.length === 0) return null;

  const reopen = async () => {
    setBusy(true);
    const left: Picked[] = [];
    for (const [i, group] of groups.entries()) {
      try {
        onFiles(await readPicked(group), group.folder, group);
      } catch (err) {
        // A second permission prompt needs a second click (the first used the click's activation):
        // the rest stay offered, without an error.
        if (err instanceof DOMException && err.name === 'SecurityError') {
          left.push(...groups.slice(i));
          break;
        }
        const refused = err instanceof PermissionRefused;
        onError(
          refused
            ? `memscope may not read ${err.what} again: the browser's permission was not given.`
            : `${describeGroups([group])} could not be read again: it may have been moved, renamed or deleted.`,
          'Open it again with "Open files" or "Open folder", or drop it on the page.',
        );
      }
    }
    setBusy(false);
    setGroups(left);
  };

  return (
    <div className="reopen-last" role="group" aria-label="Last files">
      <button type="button" className="button" disabled={busy} onClick={() => void reopen()}>
        Reopen last files
      </button>
      <p className="reopen-last-names">{describeGroups(groups)}</p>
      <button type="button" className="button button-quiet" onClick={() => setGroups([])}>
        Not now
      </button>
    </div>
  );
}
