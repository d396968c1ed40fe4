import fs from 'node:fs';
import path from 'node:path';

const mtime = (p) => (fs.existsSync(p) ? fs.statSync(p).mtimeMs : 0);

/** Why `dir`'s node_modules must be (re)installed, or null when it is up to date. */
export function installReason(dir) {
  const modules = path.join(dir, 'node_modules');
  const stamp = path.join(modules, '.package-lock.json'); // npm writes it on every install
  if (!fs.existsSync(modules)) return 'node_modules is missing';
  // A linked node_modules (a second worktree sharing the first's) belongs to its own checkout:
  // its times say nothing of this one, and an install here would replace the link with a copy.
  if (fs.lstatSync(modules).isSymbolicLink()) return null;
  if (!fs.existsSync(stamp)) return 'node_modules was not installed by npm';
  const newest = Math.max(mtime(path.join(dir, 'package.json')), mtime(path.join(dir, 'package-lock.json')));
  if (newest > mtime(stamp)) return 'package.json or package-lock.json changed since the last install';
  return null;
}
