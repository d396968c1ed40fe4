/**
 * When memscope uses the browser's File System Access pickers ("Open files", "Open folder" and
 * "Export"'s save picker) instead of a file input or a download: the one rule, read for every kind
 * of picker by `offersPicker` (src/data/files/pickers.ts), the only place that looks at the page.
 */
export interface PickerContext {
  /** The browser has this picker (`showOpenFilePicker`, `showDirectoryPicker`, `showSaveFilePicker`). */
  present: boolean;
  /** The page is driven by automation (`navigator.webdriver`). */
  automated: boolean;
  /** Test-only switch (`window.__memscopeForcePickers`): use the picker even under automation. */
  forced: boolean;
}

/**
 * Whether to use the picker. Not under automation: automation drives `<input type=file>` choosers
 * and downloads, and cannot see these pickers (Playwright's file chooser and download events), so
 * there the inputs and the download stay, unless an e2e test that stands in for the picker forces it.
 */
export function usesPicker({ present, automated, forced }: PickerContext): boolean {
  return present && (!automated || forced);
}
