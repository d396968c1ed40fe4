import { mkdtempSync, mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installReason } from '../scripts/lib/install-reason.mjs';

/** When `npm start`, `npm test` and `npm run bench` install first (scripts/lib/setup.mjs). */
function checkout(modules: 'none' | 'installed' | 'unstamped' | 'link', packageNewer = false): string {
  const dir = mkdtempSync(join(tmpdir(), 'memscope-install-'));
  writeFileSync(join(dir, 'package.json'), '{}');
  writeFileSync(join(dir, 'package-lock.json'), '{}');
  const old = new Date(Date.now() - 60_000);
  const recent = new Date();
  if (modules === 'installed' || modules === 'unstamped') {
    mkdirSync(join(dir, 'node_modules'));
    if (modules === 'installed') {
      writeFileSync(join(dir, 'node_modules', '.package-lock.json'), '{}');
      utimesSync(join(dir, 'node_modules', '.package-lock.json'), recent, recent);
    }
  }
  if (modules === 'link') {
    // Another checkout's node_modules, stamped long before this checkout's package files.
    const other = mkdtempSync(join(tmpdir(), 'memscope-other-'));
    mkdirSync(join(other, 'node_modules'));
    writeFileSync(join(other, 'node_modules', '.package-lock.json'), '{}');
    utimesSync(join(other, 'node_modules', '.package-lock.json'), old, old);
    symlinkSync(join(other, 'node_modules'), join(dir, 'node_modules'));
  }
  const packageTime = packageNewer ? new Date(Date.now() + 60_000) : old;
  utimesSync(join(dir, 'package.json'), packageTime, packageTime);
  utimesSync(join(dir, 'package-lock.json'), old, old);
  return dir;
}

describe('installReason', () => {
  it.each([
    ['a fresh clone', checkout('none'), 'node_modules is missing'],
    ['node_modules not made by npm', checkout('unstamped'), 'node_modules was not installed by npm'],
    [
      'package.json changed since the install',
      checkout('installed', true),
      'package.json or package-lock.json changed since the last install',
    ],
    ['an install newer than the package files', checkout('installed'), null],
    ["a link to another checkout's node_modules, however old", checkout('link', true), null],
  ])('%s', (_name, dir, reason) => {
    expect(installReason(dir)).toBe(reason);
  });
});
