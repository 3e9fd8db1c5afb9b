import { defineConfig } from '@playwright/test';

// test.sh builds the server and picks a free port; see README.md.
const port = Number(process.env.E2E_PORT ?? 3900);
const baseURL = `http://127.0.0.1:${port}`;
const serverBin = process.env.E2E_SERVER_BIN ?? '../target/debug/ideverket';

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
  webServer: {
    command: `${serverBin} serve --demo`,
    url: `${baseURL}/readyz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      IDEVERKET_ADDR: `127.0.0.1:${port}`,
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? `sqlite://${process.env.E2E_TMP ?? '/tmp'}/ideverket-e2e.db?mode=rwc`,
      IDEVERKET_SITE_ROOT: process.env.E2E_SITE_ROOT ?? '../target/site',
      RUST_LOG: 'warn',
    },
  },
});
