import { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { signIn } from './helpers';

// How every page reaches the browser (issue 10): a Content-Security-Policy that the pages
// keep to, assets cached for good under hashed names, and no page wider than a phone.

const publicPages = ['/', '/organisasjon', '/tilgjengelighet', '/logg-inn', '/api-dokumentasjon', '/finnes-ikke', '/tanketanken', '/tanketanken/1', '/pris', '/sok?q=innsjekk'];
const adminPages = [
  '/',
  '/sok?q=innsjekk',
  '/profil',
  '/admin/brukere',
  '/admin/brukere/1',
  '/admin/organisasjon',
  '/admin/organisasjon/steder/1',
  '/admin/logg',
  '/organisasjon',
  '/api-dokumentasjon',
  '/portefolje',
  '/programmer',
  '/programmer/1',
  '/portefolje/faser',
  '/prosjekter/1',
  '/prosjekter/1/endre/fakta',
  '/prosjekter/1/endre/fase',
  '/prosjekter/1/endre/gevinster',
  '/prosjekter/1/endre/avvikling',
  '/ideer',
  '/ideer/ny',
  '/ideer/1',
  '/varsler',
  '/lup',
  '/lup/kull',
  '/lup/kull/1',
  '/lup/grupper/1',
  '/pris',
  '/pris/aar/1',
  '/pris/aar/2',
  '/pris/kategorier/1',
  '/pris/kategorier/4/nominer',
  '/pris/nominasjoner',
  '/pris/nominasjoner/1',
  '/pris/aar/1/resultater',
  '/pris/aar/1/seremoni',
  '/fond',
  '/fond/oversikt',
  '/fond/utlysninger/ny',
  '/fond/utlysninger/1',
  '/fond/utlysninger/2/sok',
  '/fond/utlysninger/1/innstilling',
  '/fond/soknader/1',
  '/fond/soknader/1/vedtak',
  '/tanketanken',
  '/tanketanken/ny',
  '/tanketanken/1',
  '/tanketanken/1/endre',
  '/tanketanken/2',
];

/** Collects every `securitypolicyviolation` event in every page of the context. */
async function watchPolicy(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  await context.exposeBinding('__reportViolation', ({ page }, text: string) => {
    violations.push(`${page.url()}: ${text}`);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportViolation(t: string): void }).__reportViolation(
        `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  return violations;
}

async function visitAll(page: Page, paths: string[]) {
  for (const path of paths) {
    const response = await page.goto(path);
    const policy = response?.headers()['content-security-policy'] ?? '';
    expect(policy, `${path} has a policy`).toContain("script-src 'self' 'nonce-");
    expect(policy).not.toContain('unsafe-inline');
    // The hydration script carries the nonce the policy names, so it runs and hydrates.
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    // (Browsers hide a nonce from attribute selectors; the property keeps it.)
    const nonces = await page.evaluate(() => [...document.scripts].map((s) => s.nonce));
    expect(nonces).toContain(nonce);
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  }
}

test('no page breaks the Content-Security-Policy, signed out', async ({ page, context, browserErrors }) => {
  browserErrors.expectStatus(404);
  const violations = await watchPolicy(context);
  await visitAll(page, publicPages);
  expect(violations).toEqual([]);
});

test('no page breaks the Content-Security-Policy, signed in as admin', async ({ page, context }) => {
  const violations = await watchPolicy(context);
  await signIn(page, 'admin@ideverket.example');
  await visitAll(page, adminPages);
  expect(violations).toEqual([]);
});

/** The script bundles and wasm files the page has fetched, by path. */
function scriptsFetched(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname)
      .filter((path) => /\.(js|wasm)$/.test(path)),
  );
}

test('a second page view fetches no asset again: the HTML names hashed files cached for good', async ({ page }) => {
  // The sign-in page has an island (its form): the loader imports the hashed bundle.
  const first = await page.goto('/logg-inn');
  expect(first?.headers()['cache-control']).toBe('private, no-cache');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const stylesheet = await page.locator('link[rel="stylesheet"]').getAttribute('href');
  expect(stylesheet).toMatch(/^\/pkg\/ideverket\.[0-9a-f]{16}\.css$/);
  const bundle = await scriptsFetched(page);
  expect(bundle).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^\/pkg\/ideverket\.[0-9a-f]{16}\.js$/),
      expect.stringMatching(/^\/pkg\/ideverket\.[0-9a-f]{16}_bg\.wasm$/),
    ]),
  );
  const css = await page.request.get(stylesheet!);
  expect(css.headers()['cache-control']).toBe('public, max-age=31536000, immutable');

  // Resource Timing: a file served from the browser's cache transferred 0 bytes (a 304
  // revalidation would count its headers).
  await page.goto('/logg-inn');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const transferred = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => e as PerformanceResourceTiming)
      .filter((e) => new URL(e.name).pathname.startsWith('/pkg/'))
      .map((e) => ({ name: e.name, bytes: e.transferSize })),
  );
  expect(transferred.length).toBeGreaterThan(2);
  expect(transferred.filter((e) => e.bytes > 0)).toEqual([]);
});

test('a page without an island references no script bundle and no wasm (issue 25)', async ({ page }) => {
  for (const path of ['/', '/organisasjon', '/tilgjengelighet']) {
    const response = await page.goto(path);
    const html = (await response?.text()) ?? '';
    // The server takes the island loader out of a page without an island: nothing on it
    // names the bundle, preloads it or fetches it.
    expect(html, path).not.toContain('<leptos-island');
    expect(html, path).not.toContain('.wasm');
    expect(html, path).not.toContain('_bg');
    expect(html, path).not.toContain('data-island-loader');
    expect(html, path).not.toContain('modulepreload');
    expect(html, path).not.toContain('rel="preload"');
    // Nothing to hydrate: the page is marked at once.
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
    const fetched = await scriptsFetched(page);
    expect(fetched, path).toEqual([]);
  }
  // A page with an island keeps its loader and loads both.
  const signIn = await page.goto('/logg-inn');
  expect((await signIn?.text()) ?? '').toContain('data-island-loader');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const fetched = await scriptsFetched(page);
  expect(fetched.length).toBe(2);
});

test('signed-in pages are not stored by any cache', async ({ page }) => {
  await signIn(page, 'admin@ideverket.example');
  const response = await page.goto('/admin/brukere');
  expect(response?.headers()['cache-control']).toBe('no-store');
});

for (const who of ['anonymous', 'admin']) {
  test(`no page scrolls sideways on a 320 px wide screen (${who})`, async ({ page, browserErrors }) => {
    browserErrors.expectStatus(404);
    await page.setViewportSize({ width: 320, height: 640 });
    if (who === 'admin') await signIn(page, 'admin@ideverket.example');
    const wide: string[] = [];
    for (const path of who === 'admin' ? adminPages : publicPages) {
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 320) wide.push(`${path}: ${width} px`);
    }
    expect(wide).toEqual([]);
  });
}

/** Fills the new-user form of /admin/brukere with a bad e-mail address and sends it. */
async function submitNewUserWithBadEmail(page: Page) {
  const form = page.locator('section', { has: page.getByRole('heading', { name: 'Ny bruker' }) });
  await form.getByLabel('Navn', { exact: true }).fill('Åse Ærlig');
  await form.getByLabel('E-postadresse', { exact: true }).fill('ikke-en-adresse');
  await form.getByLabel('Passord', { exact: true }).fill('langt-nok-passord-123');
  await form.getByRole('button', { name: 'Opprett bruker' }).click();
  return form;
}

// A refused form (issue 10, found in a keyboard-only walk): an error summary that takes focus
// and links to each field, the title says "Feil:", and what was typed stays, with and without
// JavaScript.
test('a refused form shows a focused error summary linking to the field, and keeps the input', async ({ page, browserErrors }) => {
  browserErrors.expectStatus(422);
  await signIn(page, 'admin@ideverket.example');
  await page.goto('/admin/brukere');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const title = await page.title();
  const form = await submitNewUserWithBadEmail(page);

  const summary = page.locator('.ds-error-summary');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('heading')).toHaveText('For å gå videre må du rette opp følgende feil:');
  await expect(page).toHaveTitle(`Feil: ${title}`);
  await expect(form.getByLabel('Navn', { exact: true })).toHaveValue('Åse Ærlig');
  await summary.getByRole('link', { name: /^E-postadresse:/ }).click();
  await expect(form.getByLabel('E-postadresse', { exact: true })).toBeFocused();
});

test('without JavaScript a refused form comes back with the summary, the input and a clean URL', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/logg-inn');
  await page.getByLabel('E-postadresse').fill('admin@ideverket.example');
  await page.getByLabel('Passord').fill('Idéverket-demo-2026');
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expect(page.getByRole('banner')).toContainText('Innlogget som');

  await page.goto('/admin/brukere');
  const title = await page.title();
  const form = await submitNewUserWithBadEmail(page);

  await expect(page).toHaveURL(/\/admin\/brukere$/);
  await expect(page).toHaveTitle(`Feil: ${title}`);
  const summary = page.locator('.ds-error-summary');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: /^E-postadresse:/ })).toHaveAttribute('href', '#email');
  await expect(form.getByLabel('Navn', { exact: true })).toHaveValue('Åse Ærlig');
  await expect(form.getByLabel('E-postadresse', { exact: true })).toHaveValue('ikke-en-adresse');
  // A password is never kept, not even in the session.
  await expect(form.getByLabel('Passord', { exact: true })).toHaveValue('');
  // Shown once: the next view of the page is clean.
  await page.reload();
  await expect(page.locator('.ds-error-summary')).toHaveCount(0);
  await expect(page).toHaveTitle(title);
  await context.close();
});
