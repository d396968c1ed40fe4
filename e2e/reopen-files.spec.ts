import type { Page } from '@playwright/test';
import { test, expect, waitForLoads } from './support/fixtures';

/**
 * Issue 8 item 6: files picked through the File System Access API, or dropped where the browser
 * gives the drop's handles, are remembered (handles in IndexedDB) and offered as "Reopen last files"
 * after a reload. The browser's own picker cannot be driven by automation, so it is replaced by one
 * that returns real handles from the origin-private file system (OPFS): the handles are the same
 * kind of object, stored and read back the same way.
 */
async function fakePicker(page: Page) {
  await page.addInitScript(() => {
    Object.assign(window, {
      // Test-only: the app keeps the plain file inputs under automation (navigator.webdriver) unless
      // told to use the pickers (src/data/files/pickers.ts).
      __memscopeForcePickers: true,
      showOpenFilePicker: async () => {
        const root = await navigator.storage.getDirectory();
        return Promise.all(['experiences.parquet', 'skills.parquet'].map((n) => root.getFileHandle(n)));
      },
    });
  });
}

/** Copies two sample files into the origin-private file system, where the fake picker finds them. */
async function stageFiles(page: Page) {
  await page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    for (const name of ['experiences.parquet', 'skills.parquet']) {
      const bytes = await (await fetch(`/sample/${name}`)).arrayBuffer();
      const writable = await (await root.getFileHandle(name, { create: true })).createWritable();
      await writable.write(bytes);
      await writable.close();
    }
    // A folder to drop, holding one of them.
    const folder = await root.getDirectoryHandle('dropped', { create: true });
    const writable = await (
      await folder.getFileHandle('knowledge.parquet', { create: true })
    ).createWritable();
    await writable.write(await (await fetch('/sample/knowledge.parquet')).arrayBuffer());
    await writable.close();
  });
}

/**
 * Drops the OPFS folder `dropped` on the page as Chromium delivers a dropped folder: a drop event
 * whose item gives the folder's handle (getAsFileSystemHandle). Its entry is left out
 * (webkitGetAsEntry gives null), so the files can only come from the handle.
 */
async function dropFolder(page: Page) {
  await page.evaluate(async () => {
    const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('dropped');
    const item = {
      kind: 'file',
      getAsFileSystemHandle: () => Promise.resolve(folder),
      webkitGetAsEntry: () => null,
    };
    const drop = new Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(drop, 'dataTransfer', { value: { types: ['Files'], files: [], items: [item] } });
    window.dispatchEvent(drop);
  });
}

const fileList = (page: Page) => page.getByRole('list', { name: 'Loaded files' });

test('picked and dropped files are offered again after a reload, and a closed file is not', async ({
  page,
}) => {
  await fakePicker(page);
  await page.goto('/?sample=0');
  await stageFiles(page);
  await expect(page.getByRole('button', { name: 'Reopen last files' })).toHaveCount(0);

  await page.getByText('Open files', { exact: true }).click();
  await expect(fileList(page)).toContainText('experiences.parquet');
  await expect(fileList(page)).toContainText('skills.parquet');
  await waitForLoads(page);

  await page.reload();
  const offer = page.getByRole('group', { name: 'Last files' });
  await expect(offer).toContainText('experiences.parquet and skills.parquet');
  await expect(fileList(page).getByRole('listitem')).toHaveCount(0);
  await offer.getByRole('button', { name: 'Reopen last files' }).click();
  await expect(offer).toHaveCount(0);
  await expect(fileList(page)).toContainText('experiences.parquet');
  await expect(fileList(page)).toContainText('skills.parquet');
  // The reopened file is read for real: its rows are painted.
  await expect(page.getByRole('gridcell').first()).toBeVisible();
  await waitForLoads(page);

  // Closing a file forgets it: the next reload offers only the other one.
  await fileList(page)
    .getByRole('button', { name: /Close skills/ })
    .click();
  await expect(fileList(page)).not.toContainText('skills.parquet');
  await page.reload();
  await expect(page.getByRole('group', { name: 'Last files' })).toHaveText(/experiences\.parquet/);
  await expect(page.getByRole('group', { name: 'Last files' })).not.toContainText('skills');

  // A dropped folder is remembered as a picked one is: its handle is offered after a reload, and
  // reopening it reads the folder again.
  await dropFolder(page);
  await expect(fileList(page)).toContainText('knowledge.parquet');
  await waitForLoads(page);
  await page.reload();
  const dropped = page.getByRole('group', { name: 'Last files' });
  await expect(dropped).toContainText('dropped/');
  await expect(dropped).not.toContainText('experiences');
  await dropped.getByRole('button', { name: 'Reopen last files' }).click();
  await expect(fileList(page)).toContainText('knowledge.parquet');
  await waitForLoads(page);
});
