#!/usr/bin/env node
// Makes sure a Chromium for Playwright is on this machine. `npx playwright install` cannot work here
// (it downloads from Playwright's CDN, and the only registries reachable are npm and Debian's apt),
// so the e2e tests and the bench drive Debian's Chromium: /usr/bin/chromium, or CHROMIUM_PATH.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/**
 * Launch flags for Debian's Chromium here: --no-sandbox because CI runs as root; without the
 * background-networking flags Chromium keeps trying Google's hosts, which this closed network refuses.
 * Shared by playwright.config.ts and the bench so both run the same browser the same way.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath() {
  return process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
}

function run(cmd, args) {
  console.log(`$ ${cmd} ${args.join(' ')}`);
  const res = spawnSync(cmd, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${res.status ?? res.signal})`);
}

/** Returns the Chromium path, installing Debian's package first when it is absent and we are root. */
export function ensureChromium() {
  const exe = chromiumPath();
  if (fs.existsSync(exe)) return exe;
  if (process.env.CHROMIUM_PATH) {
    throw new Error(`CHROMIUM_PATH is set to ${exe}, but there is no such file.`);
  }
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = fs.existsSync('/usr/bin/apt-get');
  if (!root || !hasApt) {
    throw new Error(
      [
        `Chromium was not found at ${DEFAULT_CHROMIUM}; the e2e tests and the bench need it.`,
        "Playwright cannot download its own browser on this machine. Install Debian's Chromium:",
        '    sudo apt-get update && sudo apt-get install -y chromium',
        'or point CHROMIUM_PATH at a Chromium or Chrome binary:',
        '    CHROMIUM_PATH=/path/to/chromium npm test',
      ].join('\n'),
    );
  }
  console.log(`Chromium is missing at ${DEFAULT_CHROMIUM}: installing Debian's package (we are root).`);
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-liberation']);
  if (!fs.existsSync(DEFAULT_CHROMIUM))
    throw new Error(`apt-get installed chromium, but ${DEFAULT_CHROMIUM} is missing.`);
  return DEFAULT_CHROMIUM;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const exe = ensureChromium();
    const version = spawnSync(exe, ['--version'], { encoding: 'utf8' });
    console.log(`Chromium: ${exe} (${(version.stdout || '').trim() || 'version unknown'})`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
