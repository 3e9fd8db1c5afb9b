import { expect, test } from './fixtures';
import { expectAccessibleHere } from './helpers';

test('home page is rendered on the server and readable without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();

  const response = await page.goto('/');

  expect(response?.status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Velkommen til Idéverket');
  await expect(page.getByText('Kommunen har 200 tjenestesteder i 8 tjenesteområder.')).toBeVisible();
  // Nothing on it needs the browser: the server marks it done (issue 25). A page with an
  // island is marked only by its script, which does not run here.
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await page.goto('/logg-inn');
  await expect(page.getByRole('button', { name: 'Logg inn' })).toBeVisible();
  await expect(page.locator('html')).not.toHaveAttribute('data-hydrated', 'true');
  await context.close();
});

test('language link works as a plain link without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/organisasjon');

  await page.getByRole('link', { name: 'English' }).click();

  await expect(page).toHaveURL(/\/organisasjon$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sectors and service sites');
  await context.close();
});

// Islands mode: the language link is a plain link in every browser. The server sets the
// cookie and sends the browser back to the same page, now in the other language (a reload,
// which the issue allows); the islands then hydrate in that language.
test('language switch keeps the page and the choice, with JavaScript on', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');

  await page.getByRole('link', { name: 'English' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Idéverket');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  expect(new URL(page.url()).pathname).toBe('/');

  // The choice is kept in a cookie: a fresh load is still in English, and switching back works.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Idéverket');
  await page.getByRole('link', { name: 'Norsk (bokmål)' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Velkommen til Idéverket');
});

test('an island speaks the page language after a switch', async ({ page, browserErrors }) => {
  browserErrors.expectStatus(401);
  await page.goto('/logg-inn');
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');

  await page.getByLabel('E-mail address').fill('jury@ideverket.example');
  await page.getByLabel('Password').fill('wrong-password-123');
  await page.getByRole('button', { name: 'Sign in' }).click();

  // Shown by the island in place: the typed address is still there.
  await expect(page.getByRole('alert')).toHaveText('Wrong e-mail address or password.');
  await expect(page.getByLabel('E-mail address')).toHaveValue('jury@ideverket.example');
});

test('organisation page lists the 200 demo sites under 8 sectors', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');

  await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Organisasjon' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tjenesteområder og tjenestesteder');
  await expect(page.getByRole('heading', { level: 2 })).toHaveCount(8);
  await expect(page.locator('tbody tr')).toHaveCount(200);
  await expect(page.getByRole('rowheader', { name: 'Sandvika barnehage' })).toBeVisible();
});

test('unknown address shows the 404 page with status 404', async ({ page, browserErrors }) => {
  browserErrors.expectStatus(404);
  const response = await page.goto('/finnes-ikke');

  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vi fant ikke siden');
});

test('footer links to the accessibility statement', async ({ page }) => {
  await page.goto('/');

  await page.getByRole('contentinfo').getByRole('link', { name: 'Tilgjengelighetserklæring' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tilgjengelighetserklæring for Idéverket');
  await expect(page.getByRole('heading', { name: 'Kjente avvik' })).toBeVisible();
});

test('on a phone the menu is behind "Meny", with or without JavaScript, and a wide screen shows it all (issue 30)', async ({
  page,
  browser,
  baseURL,
}) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const nav = page.getByRole('navigation', { name: 'Hovedmeny' });
  const organisation = nav.getByRole('link', { name: 'Organisasjon' });
  await expect(organisation).toBeHidden();
  const header = await page.locator('.site-header').boundingBox();
  expect(header!.height).toBeLessThan(260);
  await nav.getByText('Meny', { exact: true }).click();
  await expect(organisation).toBeVisible();
  await expectAccessibleHere(page);
  await organisation.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tjenesteområder og tjenestesteder');

  // A wide screen: every entry in view, no "Meny".
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(nav.getByRole('link', { name: 'Organisasjon' })).toBeVisible();
  await expect(nav.getByText('Meny', { exact: true })).toBeHidden();

  // Without JavaScript the disclosure is the browser's own.
  const plain = await browser.newContext({ javaScriptEnabled: false, baseURL, viewport: { width: 375, height: 740 } });
  const phone = await plain.newPage();
  await phone.goto('/');
  const plainNav = phone.getByRole('navigation', { name: 'Hovedmeny' });
  await expect(plainNav.getByRole('link', { name: 'Organisasjon' })).toBeHidden();
  await plainNav.getByText('Meny', { exact: true }).click();
  await expect(plainNav.getByRole('link', { name: 'Organisasjon' })).toBeVisible();
  await plain.close();
});
