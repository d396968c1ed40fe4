import { usesPicker } from '../../core/files/pickers';

/** The pickers of the File System Access API (Chromium; not yet in TypeScript's DOM types). */
export interface PickerWindow {
  showOpenFilePicker?(options: {
    multiple: boolean;
    types: { description: string; accept: Record<string, string[]> }[];
  }): Promise<FileSystemFileHandle[]>;
  showDirectoryPicker?(options: { mode: 'read' }): Promise<FileSystemDirectoryHandle>;
  showSaveFilePicker?(options: {
    suggestedName: string;
    types: { description: string; accept: Record<string, string[]> }[];
  }): Promise<FileSystemFileHandle>;
  /**
   * Test-only: an e2e test that stands in for a picker (with handles from the origin-private file
   * system) sets it to use the pickers under automation. Nothing in the app sets it.
   */
  __memscopeForcePickers?: boolean;
}

const PICKER = {
  open: 'showOpenFilePicker',
  folder: 'showDirectoryPicker',
  save: 'showSaveFilePicker',
} as const;

/** The page's window with its pickers, where the browser has them. */
export const pickerWindow = (): PickerWindow => window as Window & PickerWindow;

/**
 * Whether "Open files" (`open`), "Open folder" (`folder`) or "Export" (`save`) uses the browser's
 * File System Access picker: the one place that reads the page for it (the rule: core/files/pickers.ts).
 * Asked at each click, so a test may set the switch after the page loaded.
 */
export function offersPicker(kind: keyof typeof PICKER): boolean {
  const w = pickerWindow();
  return usesPicker({
    present: typeof w[PICKER[kind]] === 'function',
    automated: navigator.webdriver,
    forced: w.__memscopeForcePickers === true,
  });
}
