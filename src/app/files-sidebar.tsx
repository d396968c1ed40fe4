import type { ErrorPayload } from '../core/errors';
import type { Picked, RememberedFiles } from '../data/files/remembered-files';
import type { FileState } from '../data/opened-file/file-state';
import type { StoreState } from '../data/store/opened-store';
import type { Workspace } from '../data/workspace';
import { CsvSettings } from '../features/files/csv-settings';
import { FileList } from '../features/files/file-list';
import { OpenUrlForm } from '../features/files/open-url-form';
import { ReopenLastFiles } from '../features/files/reopen-last-files';
import { SchemaPanel } from '../features/files/schema-panel';
import { SqlVectorsPanel } from '../features/files/sql-vectors-panel';
import { StoreSchemaPanel } from '../features/files/store-schema-panel';
import { AfterPaint } from '../components/after-paint/after-paint';
import { setUrlParams } from './use-url-state';
import { VIEW_PARAMS } from '../core/url/view-state';

interface FilesSidebarProps {
  hidden: boolean;
  workspace: Workspace;
  remembered: RememberedFiles;
  tables: readonly FileState[];
  stores: readonly StoreState[];
  /** The file or store Explore shows (highlighted in the list). */
  shownId: string | null;
  active: FileState | null;
  activeStore: StoreState | null;
  openFiles(files: File[], folder?: string | null, picked?: Picked): void;
  showTable(tableName: string): void;
  pushAlert(error: ErrorPayload): void;
}

/**
 * The Files sidebar: ways to open files besides the header's buttons and a drop ("Reopen last
 * files", "Open by URL"), the open files and stores, and the schema (and CSV settings) of the one
 * shown. Composition only: each part is its feature's.
 */
export function FilesSidebar(props: FilesSidebarProps) {
  const { hidden, workspace, remembered, tables, stores, shownId, active, activeStore } = props;
  const { openFiles, showTable, pushAlert } = props;
  const activeFile = active ? (workspace.file(active.id) ?? null) : null;
  return (
    <aside id="app-sidebar" className="sidebar" aria-label="Files" hidden={hidden}>
      <section>
        <h2 className="panel-title">Files</h2>
        <ReopenLastFiles
          remembered={remembered}
          onFiles={openFiles}
          onError={(message, hint) => pushAlert({ code: 'internal', message, hint })}
        />
        <OpenUrlForm
          onOpenRemote={(ref) => showTable(workspace.open(ref, ref.fileName).tableName)}
          onOpenFile={(file) => openFiles([file])}
          onError={pushAlert}
        />
        <FileList
          tables={tables}
          stores={stores}
          activeId={shownId}
          onSelect={(id) => {
            const chosen = tables.find((t) => t.id === id) ?? stores.find((st) => st.id === id);
            // One history entry: this table, in Explore, without the last table's filters.
            if (chosen)
              setUrlParams(
                {
                  [VIEW_PARAMS.table]: chosen.tableName,
                  [VIEW_PARAMS.explore]: null,
                  [VIEW_PARAMS.tab]: null,
                },
                'push',
              );
          }}
          onCancel={(id) => workspace.file(id)?.cancel()}
          onClose={(id) => void workspace.close(id)}
          onCloseStore={(id) => void workspace.closeStore(id)}
        />
      </section>
      {/* After the first rows' frame: the schema panel's table was ~20 ms of that frame's render and layout.
          Keys are unique among the aside's children (a part's name and the file's id): two siblings
          keyed by the same id left stale panels behind on every switch of the table shown. */}
      {activeStore ? (
        <AfterPaint key={`schema:${activeStore.id}`}>
          <StoreSchemaPanel store={activeStore} />
        </AfterPaint>
      ) : (
        active && (
          <AfterPaint key={`schema:${active.id}`}>
            <SchemaPanel table={active} />
          </AfterPaint>
        )
      )}
      {!activeStore && active && activeFile ? (
        <SqlVectorsPanel
          key={`vectors:${active.id}`}
          table={active}
          onAdd={(column) => void activeFile.addVectorsToSql(column)}
          onCancel={() => activeFile.cancelVectorsToSql()}
          onRemove={() => void activeFile.removeVectorsFromSql()}
        />
      ) : null}
      {!activeStore && active?.csv && activeFile ? (
        <CsvSettings
          key={`csv:${active.id}`}
          table={active}
          onReopen={(options) => void activeFile.reopenCsv(options)}
        />
      ) : null}
    </aside>
  );
}
