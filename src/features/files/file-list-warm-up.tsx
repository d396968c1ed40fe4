import type { FileState } from '../../data/opened-file/file-state';
import { WarmUpBox } from '../../components/warm-up/warm-up-box';
import { FileList } from './file-list';
import './file-list-warm-up.css';

/** A made-up 100K-row Parquet file, loading, as the file list shows one just dropped. */
const WARM_UP_FILE: FileState = {
  id: 'warm-up',
  tableName: 'warm_up',
  fileName: 'warm-up.parquet',
  fileBytes: 150_000_000,
  kind: 'parquet',
  status: 'loading',
  progress: { done: 0, total: 10, unit: 'row-groups' },
  rowCount: 100_000,
  footer: null,
  columns: [],
  error: null,
  timings: {},
};
const noop = () => undefined;

/**
 * The file list's card of a loading file, rendered hidden once while the app is idle after
 * start-up, beside the grid's and the toolbar's warm-ups (docs/data-path.md, items 6, 14 and 15).
 * The card comes in the frame of a first file's first rows: its code ran cold there, its progress
 * bar was the first of the page, and its table name is the page's first monospace text, whose font
 * the browser looked up in that frame's layout (~5 ms here: one synchronous request to the browser
 * process per family of the monospace list that this machine lacks).
 */
export function FileListWarmUp() {
  return (
    <WarmUpBox className="files-warm-up">
      <FileList
        tables={[WARM_UP_FILE]}
        activeId={WARM_UP_FILE.id}
        onSelect={noop}
        onCancel={noop}
        onClose={noop}
      />
    </WarmUpBox>
  );
}
