import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, expectAccessibleHere } from './helpers';

// Single sign-on (issue 31) against a certified OpenID provider (npm's oidc-provider, started by
// playwright.config.ts; end2end/oidc/provider.mjs): its own sign-in and consent pages, then back.

const BUTTON = 'Logg inn med Test-IdP';

/** From the sign-in page through the provider's pages, as `login`. */
async function throughProvider(page: Page, login: string) {
  await page.goto('/logg-inn');
  await page.getByRole('link', { name: BUTTON }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('hva som helst');
  await page.locator('button[type="submit"]').click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

test('the sign-in page offers the provider first and stays accessible', async ({ page }) => {
  await expectAccessible(page, '/logg-inn');
  await expect(page.getByRole('link', { name: BUTTON })).toBeVisible();
  await expect(page.getByLabel('E-post')).toBeVisible();
});

test('a new colleague signs in through the provider as an employee, and signing out ends both sessions', async ({ page }) => {
  await throughProvider(page, 'ny.kollega@ideverket.example');
  await expect(page.locator('.session-status')).toContainText('Nora Kollega');
  await expect(page.getByRole('link', { name: 'Brukere' })).toHaveCount(0);

  // Ours ends, then the provider's asks and ends, and the browser comes back; no token rides
  // in the address of the provider's sign-out.
  const toProvider = page.waitForRequest((r) => r.url().includes('/session/end'));
  await page.getByRole('button', { name: 'Logg ut' }).first().click();
  expect((await toProvider).url()).not.toMatch(/id_token_hint|eyJ/);
  await page.getByRole('button', { name: /sign me out/i }).click();
  await expect(page).toHaveURL(/\/logg-inn\?utlogget=1$/);
  await expect(page.locator('.session-status')).not.toContainText('Nora Kollega');
  // The provider asks who it is again.
  await page.getByRole('link', { name: BUTTON }).click();
  await expect(page.locator('input[name="login"]')).toBeVisible();
});

test('an existing demo account signs in through the provider and keeps its roles', async ({ page }) => {
  await throughProvider(page, 'admin@ideverket.example');
  await expect(page.locator('.session-status')).toContainText('Astrid Berg');
  await expect(page.getByRole('link', { name: 'Brukere' }).first()).toBeVisible();
});

test('a tampered state is refused with what to do, and no one is signed in', async ({ page }) => {
  // A sign-in under way (the browser at the provider), then an answer with another state.
  await page.goto('/logg-inn');
  await page.getByRole('link', { name: BUTTON }).click();
  await expect(page.locator('input[name="login"]')).toBeVisible();
  await page.goto('/logg-inn/sso/svar?code=en-annens-kode&state=forfalsket');
  await expect(page).toHaveURL(/\/logg-inn\?sso=failed$/);
  await expect(page.getByRole('alert')).toContainText('Påloggingen kunne ikke fullføres');
  await expect(page.locator('.session-status')).not.toContainText('Nora Kollega');
  await expectAccessibleHere(page);
});

test('an expired token is refused with what to do, and no one is signed in', async ({ page }) => {
  // The test provider stamps this account's tokens two hours back (end2end/oidc/provider.mjs):
  // the ID token reaches the app an hour after it expired.
  await throughProvider(page, 'gammel.klokke@ideverket.example');
  await expect(page).toHaveURL(/\/logg-inn\?sso=expired$/);
  await expect(page.getByRole('alert')).toContainText('Påloggingen var utløpt');
  await expect(page.locator('.session-status')).not.toContainText('gammel.klokke');
  await expectAccessibleHere(page);
});
