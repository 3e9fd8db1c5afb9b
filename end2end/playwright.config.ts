import { defineConfig } from '@playwright/test';

// test.sh builds the debug server (the one the integration tests use) and the release bundle
// (`./run.sh --release`'s optimised wasm, which once threw on load while every debug test
// passed: issue 8), and picks free ports; see README.md. No build uses `erase_components`, so
// the debug server renders the markup the release islands hydrate, and the whole suite runs
// once, against that bundle (issue 27). Run by hand, it serves `../target/site` (`./run.sh`'s
// debug bundle) unless E2E_SITE_ROOT says otherwise.
type Build = { name: string; serverBin: string; siteRoot: string; port: number; mutatingPort: number };

const firstPort = Number(process.env.E2E_PORT ?? 3900);
const build: Build = {
  name: 'e2e',
  serverBin: process.env.E2E_SERVER_BIN ?? '../target/debug/ideverket',
  siteRoot: process.env.E2E_SITE_ROOT ?? '../target/site',
  port: firstPort,
  mutatingPort: Number(process.env.E2E_PORT_MUTATING ?? firstPort + 1),
};
const url = (port: number) => `http://127.0.0.1:${port}`;
const mutating = /(admin-org|account|portfolio|lup|fund|prize|posts|mail|sso)\.spec\.ts/;
// A real SMTP server (aiosmtpd: end2end/smtp/sink.py) for the mutating server's e-mail; the
// tests read what it kept (helpers.ts `mailTo`). test.sh installs it (end2end/smtp/install.sh).
const smtpPort = Number(process.env.E2E_PORT_SMTP ?? firstPort + 2);
const smtpPython =
  process.env.E2E_SMTP_PYTHON ?? `${process.env.HOME}/.cache/ideverket/smtp-venv/bin/python`;
const mailDir = `${process.env.E2E_TMP ?? '/tmp'}/e2e-mail`;
process.env.E2E_MAIL_DIR = mailDir;
// A certified OpenID provider (npm's oidc-provider: end2end/oidc/provider.mjs) for the mutating
// server's single sign-on (issue 31).
const oidcPort = Number(process.env.E2E_PORT_OIDC ?? firstPort + 3);
process.env.E2E_OIDC_ISSUER = url(oidcPort);

function server(build: Build, listenPort: number, database: string, mail: Record<string, string> = {}) {
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
      ...mail,
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
  // Generous: on 2 cores the suite shares the machine with Schemathesis's servers (niced,
  // test.sh), and axe-core on a page of 200 sites takes seconds; a test that passes takes what
  // it takes, and only a hung one waits this long (a fresh machine's run timed out at 30 s
  // on four admin pages, issue 27). The long flows set their own, as long again.
  timeout: 60_000,
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
  // The mutating project first: its flows are the long tests (up to a minute), and the
  // shared project's short ones then fill in beside the last of them (issue 27: last, a long
  // flow ran alone at the end).
  projects: [
    { name: 'mutating', testMatch: mutating, use: { baseURL: url(build.mutatingPort) } },
    { name: 'shared', testIgnore: mutating, use: { baseURL: url(build.port) } },
  ],
  webServer: [
    server(build, build.port, 'ideverket-e2e.db'),
    server(build, build.mutatingPort, 'ideverket-e2e-mutating.db', {
      IDEVERKET_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      IDEVERKET_MAIL_FROM: 'Idéverket <ideverket@ideverket.example>',
      IDEVERKET_PUBLIC_URL: url(build.mutatingPort),
      IDEVERKET_JOBS_EVERY_SECS: '1',
      IDEVERKET_OIDC_ISSUER: url(oidcPort),
      IDEVERKET_OIDC_CLIENT_ID: 'ideverket',
      IDEVERKET_OIDC_CLIENT_SECRET: 'e2e-hemmelig',
      IDEVERKET_OIDC_NAME: 'Test-IdP',
    }),
    {
      command: 'node provider.mjs',
      cwd: './oidc',
      url: `${url(oidcPort)}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: { E2E_PORT_OIDC: String(oidcPort), E2E_APP_URL: url(build.mutatingPort) },
    },
    {
      command: `${smtpPython} sink.py --port ${smtpPort} --dir ${mailDir}`,
      cwd: './smtp',
      port: smtpPort,
      reuseExistingServer: false,
      timeout: 30_000,
    },
  ],
});
