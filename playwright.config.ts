import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './scripts/ensure-chromium.mjs';

// Playwright's own browser download cannot work here (no internet but the npm registry and Debian's
// apt), so the specs run in Debian's Chromium: scripts/ensure-chromium.mjs installs it when absent.
const port = Number(process.env.E2E_PORT || 4173);
const ci = Boolean(process.env.CI);
// `npm test` builds once in its own gate and sets E2E_SKIP_BUILD; `npm run test:e2e` alone builds first.
const build = process.env.E2E_SKIP_BUILD ? '' : 'npx vite build && ';

// `shareApp` is the fixtures' worker option (e2e/support/fixtures.ts).
export default defineConfig<object, { shareApp: boolean }>({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  // Two cores: one worker keeps DuckDB-WASM start-up and decoding from fighting each other for CPU.
  workers: 1,
  retries: ci ? 1 : 0,
  forbidOnly: ci,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: 'list',
  use: {
    baseURL: `http://localhost:${port}`,
    browserName: 'chromium',
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumPath(),
      args: [...CHROMIUM_ARGS],
    },
  },
  // Tests tagged @shared-app (SHARED_APP in e2e/support/fixtures.ts) share one app with the sample
  // open; as their own project they run in their own worker, so no other test closes it between them.
  projects: [
    { name: 'shared app', grep: /@shared-app/, use: { shareApp: true } },
    { name: 'own app', grepInvert: /@shared-app/ },
  ],
  webServer: {
    command: `${build}npx vite preview --port ${port} --strictPort`,
    url: `http://localhost:${port}`,
    reuseExistingServer: !ci,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
