// End-to-end tests: a real Chromium (Debian's) against the real release server, started here on
// a fresh data folder with the demo community. PRATICA_E2E_DATABASE_URL runs it on PostgreSQL.
import { defineConfig } from '@playwright/test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');
const port = Number(process.env.PRATICA_E2E_PORT ?? 3100);
// The test that changes the community phase has a server of its own on the next port, with its
// own data, so every other test sees the demo community as it starts: in phase 1.
const phasePort = port + 1;
const phaseTests = 'phase.spec.ts';

// Only the main process starts the servers; workers load this file too and must not make folders.
function dataDir(suffix: string): string {
  const given = process.env.PRATICA_E2E_DATA_DIR;
  if (given) return `${given}${suffix}`;
  return process.env.TEST_WORKER_INDEX === undefined
    ? fs.mkdtempSync(path.join(os.tmpdir(), `pratica-e2e${suffix}-`))
    : '';
}

// On PostgreSQL the phase server needs a database of its own: the same name with "_fase"
// appended (pratica_e2e → pratica_e2e_fase), which scripts/test must create too.
function phaseDatabaseUrl(url: string): string {
  const parsed = new URL(url);
  parsed.pathname += '_fase';
  return parsed.toString();
}

function server(port: number, dataDir: string, databaseUrl: string | undefined) {
  const env: Record<string, string> = {
    PRATICA_ADDR: `127.0.0.1:${port}`,
    PRATICA_DATA_DIR: dataDir,
    PRATICA_DEMO: '1',
    PRATICA_DEMO_PASSWORD: 'password-demo-e2e',
    PRATICA_DEMO_TOTP_SECRET: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', // DEMO_TOTP_SECRET in tests/support.ts
    LEPTOS_SITE_ROOT: path.join(root, 'target', 'site'),
    RUST_LOG: 'warn',
  };
  if (databaseUrl) {
    env.DATABASE_URL = databaseUrl;
  }
  return {
    command: path.join(root, 'target', 'release', 'server'),
    cwd: root,
    url: `http://127.0.0.1:${port}/healthz`,
    env,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
  };
}

const databaseUrl = process.env.PRATICA_E2E_DATABASE_URL;

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
  projects: [
    {
      name: 'main',
      testIgnore: phaseTests,
      use: { baseURL: `http://127.0.0.1:${port}` },
    },
    {
      name: 'fase',
      testMatch: phaseTests,
      use: { baseURL: `http://127.0.0.1:${phasePort}` },
    },
  ],
  webServer: [
    server(port, dataDir(''), databaseUrl),
    server(phasePort, dataDir('-fase'), databaseUrl && phaseDatabaseUrl(databaseUrl)),
  ],
});
