// Shared steps of `npm start`, `npm test` and `npm run bench`: install what is missing, and run a
// command with its output shown and its failure reported.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installReason } from './install-reason.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs a command in the repo root, inheriting stdio; resolves with its exit code. */
export function run(cmd, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], ...options });
    child.on('error', (err) => {
      console.error(`${cmd}: ${err.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/**
 * Runs a command in the repo root with its output held: resolves with its exit code and everything
 * it printed (stdout and stderr in the order they came), for commands run side by side whose output
 * must not interleave.
 */
export function runHeld(cmd, args, options = {}) {
  return new Promise((resolve) => {
    const chunks = [];
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], ...options });
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    child.on('error', (err) => resolve({ code: 127, output: `${cmd}: ${err.message}\n` }));
    child.on('close', (code, signal) =>
      resolve({ code: code ?? (signal ? 128 : 1), output: Buffer.concat(chunks).toString('utf8') }),
    );
  });
}

/** Installs dependencies when missing (npm ci, exactly the lock file) or stale (npm install). */
export async function ensureDependencies() {
  const reason = installReason(root);
  if (!reason) return 0;
  const fresh =
    !fs.existsSync(path.join(root, 'node_modules')) && fs.existsSync(path.join(root, 'package-lock.json'));
  const args = fresh ? ['ci'] : ['install'];
  console.log(`${reason}: npm ${args[0]}`);
  const code = await run(npm, [...args, '--no-audit', '--no-fund']);
  // An install with nothing to do leaves the stamp as it was: touch it so the next run skips npm.
  const stamp = path.join(root, 'node_modules', '.package-lock.json');
  if (code === 0 && fs.existsSync(stamp)) fs.utimesSync(stamp, new Date(), new Date());
  return code;
}

/** Generates the bundled sample store when public/sample has no manifest. */
export async function ensureSample() {
  if (fs.existsSync(path.join(root, 'public', 'sample', 'manifest.json'))) return 0;
  console.log('public/sample is missing: generating the sample memory store');
  return run(process.execPath, ['scripts/generate-memory-store.mjs', '--sample']);
}

/** Path of a package's binary in node_modules/.bin (so no `npx` lookups are needed). */
export const bin = (name) => path.join(root, 'node_modules', '.bin', name);

export { npm, spawnSync };
