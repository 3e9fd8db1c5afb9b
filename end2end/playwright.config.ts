import { defineConfig } from '@playwright/test';

// test.sh builds both builds (debug and release) and picks free ports; see README.md.
// The whole suite runs against the debug build, with two servers of its own; the release
// bundle gets a smoke of what only a release build can break.
type Build = { name: string; serverBin: string; siteRoot: string; port: number; mutatingPort?: number };

const firstPort = Number(process.env.E2E_PORT ?? 3900);
const debug: Build = {
  name: 'debug',
  serverBin: process.env.E2E_SERVER_BIN ?? '../target/debug/ideverket',
  siteRoot: process.env.E2E_SITE_ROOT ?? '../target/site',
  port: firstPort,
  mutatingPort: Number(process.env.E2E_PORT_MUTATING ?? firstPort + 1),
};
// The release bundle (`./run.sh --release`): its optimised wasm once shipped a bundle that
// threw on load while every debug test passed (issue 8). Its smoke (issue 27): every page of
// every role hydrates each of its islands without a page error and keeps to the
// Content-Security-Policy, assets are cached for good, the islands answer keys and the
// language switch, and the error guard itself holds — what an optimiser, `wasm-opt` or a
// missing `erase_components` can break. The server renders the release server's markup
// (test.sh: setup.sh's `markup` profile).
const release: Build | undefined = process.env.E2E_RELEASE_SERVER_BIN
  ? {
      name: 'release',
      serverBin: process.env.E2E_RELEASE_SERVER_BIN,
      siteRoot: process.env.E2E_RELEASE_SITE_ROOT ?? '../target/site-release',
      port: Number(process.env.E2E_RELEASE_PORT ?? firstPort + 2),
    }
  : undefined;
const releaseSmoke = /(delivery|shell|keyboard-and-charts|browser-errors)\.spec\.ts/;
const url = (port: number) => `http://127.0.0.1:${port}`;
const mutating = /(admin-org|account|portfolio|lup|prize)\.spec\.ts/;

function server(build: Build, listenPort: number, database: string) {
  return {
    command: `${build.serverBin} serve --demo`,
    url: `http://127.0.0.1:${listenPort}/readyz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe' as const,
    stderr: 'pipe' as const,
    env: {
      IDEVERKET_ADDR: `127.0.0.1:${listenPort}`,
      DATABASE_URL: `sqlite://${process.env.E2E_TMP ?? '/tmp'}/${build.name}-${database}?mode=rwc`,
      IDEVERKET_SITE_ROOT: build.siteRoot,
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
    { name: 'debug shared', testIgnore: mutating, use: { baseURL: url(debug.port) } },
    { name: 'debug mutating', testMatch: mutating, use: { baseURL: url(debug.mutatingPort!) } },
    ...(release
      ? [{ name: 'release smoke', testMatch: releaseSmoke, use: { baseURL: url(release.port) } }]
      : []),
  ],
  webServer: [
    server(debug, debug.port, 'ideverket-e2e.db'),
    server(debug, debug.mutatingPort!, 'ideverket-e2e-mutating.db'),
    ...(release ? [server(release, release.port, 'ideverket-e2e.db')] : []),
  ],
});
