import { expect, test } from './fixtures';

test('home page is rendered on the server and readable without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();

  const response = await page.goto('/');

  expect(response?.status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Velkommen til Idéverket');
  await expect(page.getByText('Kommunen har 200 tjenestesteder i 8 tjenesteområder.')).toBeVisible();
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

test('language switch after hydration changes the page without a reload', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  // A value on window survives only if the document is not reloaded.
  await page.evaluate(() => ((window as unknown as { __noReload: number }).__noReload = 42));

  await page.getByRole('link', { name: 'English' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Idéverket');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(await page.evaluate(() => (window as unknown as { __noReload?: number }).__noReload)).toBe(42);
  expect(new URL(page.url()).pathname).toBe('/');

  // The choice is kept in a cookie: a fresh load is still in English, and switching back works.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Idéverket');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await page.getByRole('link', { name: 'Norsk (bokmål)' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Velkommen til Idéverket');
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
