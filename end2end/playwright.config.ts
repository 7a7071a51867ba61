// End-to-end tests: a real Chromium (Debian's) against the real release server, started here on
// a fresh data folder with the demo community. PRATICA_E2E_DATABASE_URL runs it on PostgreSQL.
import { defineConfig } from '@playwright/test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');
const port = Number(process.env.PRATICA_E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

// Only the main process starts the server; workers load this file too and must not make folders.
const dataDir =
  process.env.PRATICA_E2E_DATA_DIR ??
  (process.env.TEST_WORKER_INDEX === undefined
    ? fs.mkdtempSync(path.join(os.tmpdir(), 'pratica-e2e-'))
    : '');

const serverEnv: Record<string, string> = {
  PRATICA_ADDR: `127.0.0.1:${port}`,
  PRATICA_DATA_DIR: dataDir,
  PRATICA_DEMO: '1',
  PRATICA_DEMO_PASSWORD: 'password-demo-e2e',
  PRATICA_DEMO_TOTP_SECRET: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', // DEMO_TOTP_SECRET in tests/support.ts
  LEPTOS_SITE_ROOT: path.join(root, 'target', 'site'),
  RUST_LOG: 'warn',
};
if (process.env.PRATICA_E2E_DATABASE_URL) {
  serverEnv.DATABASE_URL = process.env.PRATICA_E2E_DATABASE_URL;
}

export default defineConfig({
  testDir: './tests',
  // Staff sign-ins may wait up to one TOTP step (30 s) when parallel tests used the codes.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 2,
  // One retry: a rare stall (once in about ten full runs here, a page load without JavaScript
  // that never finished) must not fail the run; the list reporter marks such a test "flaky",
  // and its trace is kept in test-results/.
  retries: 1,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL,
    trace: 'on-first-retry',
    locale: 'it-IT',
    timezoneId: 'Europe/Rome',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: path.join(root, 'target', 'release', 'server'),
    cwd: root,
    url: `${baseURL}/healthz`,
    env: serverEnv,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
