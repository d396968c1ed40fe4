#!/usr/bin/env node
// `node scripts/with-deps.mjs <bin> [args…]`: installs what is missing (as `npm start` does), then
// runs <bin> from node_modules/.bin (or `node` itself), so that `npm run dev` and `npm run sample`
// also work on a fresh clone with no node_modules.
import { bin, ensureDependencies, run } from './lib/setup.mjs';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node scripts/with-deps.mjs <bin> [args…]');
  process.exit(2);
}
const installed = await ensureDependencies();
if (installed !== 0) process.exit(installed);
const exe = command === 'node' ? process.execPath : bin(command);
process.exit(await run(exe, args, { stdio: 'inherit' }));
