import { defineConfig } from '@playwright/test';

// test.sh builds the server and picks a free port; see README.md.
const port = Number(process.env.E2E_PORT ?? 3900);
const baseURL = `http://127.0.0.1:${port}`;
const serverBin = process.env.E2E_SERVER_BIN ?? '../target/debug/ideverket';
const mutatingPort = Number(process.env.E2E_PORT_MUTATING ?? port + 1);
const mutatingURL = `http://127.0.0.1:${mutatingPort}`;
const mutating = /(admin-org|account)\.spec\.ts/;

function server(listenPort: number, database: string) {
  return {
    command: `${serverBin} serve --demo`,
    url: `http://127.0.0.1:${listenPort}/readyz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe' as const,
    stderr: 'pipe' as const,
    env: {
      IDEVERKET_ADDR: `127.0.0.1:${listenPort}`,
      DATABASE_URL: `sqlite://${process.env.E2E_TMP ?? '/tmp'}/${database}?mode=rwc`,
      IDEVERKET_SITE_ROOT: process.env.E2E_SITE_ROOT ?? '../target/site',
      RUST_LOG: 'warn',
    },
  };
}

export default defineConfig({
  testDir: './tests',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  timeout: 30_000,
  use: {
    baseURL,
    // An English browser: the app must still answer in bokmål until the user switches.
    locale: 'en-US',
    trace: 'off',
    launchOptions: {
      // Debian's Chromium; never `npx playwright install` (no downloads on this network).
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
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
  // Tests that add sites, import users or rename accounts get a server and database of
  // their own, so the counts the other tests check (200 demo sites) stay true in parallel.
  projects: [
    { name: 'shared', testIgnore: mutating, use: { baseURL } },
    { name: 'mutating', testMatch: mutating, use: { baseURL: mutatingURL } },
  ],
  webServer: [server(port, 'ideverket-e2e.db'), server(mutatingPort, 'ideverket-e2e-mutating.db')],
});
