import { expect, test } from './fixtures';

// Demo accounts are seeded by `serve --demo` (see playwright.config.ts).
const password = 'Idéverket-demo-2026';

test('wrong password shows an error next to the form and keeps the e-mail', async ({ page, browserErrors }) => {
  browserErrors.expectStatus(401);
  await page.goto('/logg-inn');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');

  await page.getByLabel('E-postadresse').fill('fagvurderer@ideverket.example');
  await page.getByLabel('Passord').fill('feil-passord-123');
  await page.getByRole('button', { name: 'Logg inn' }).click();

  await expect(page.getByRole('alert')).toHaveText('Feil e-postadresse eller passord.');
  await expect(page.getByLabel('E-postadresse')).toHaveValue('fagvurderer@ideverket.example');
  await expect(page.getByLabel('Passord')).toHaveAttribute('aria-describedby', 'sign-in-error');
  await expect(page.getByRole('banner')).toContainText('Logg inn');
});

test('wrong password shows the error without JavaScript too', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/logg-inn');

  await page.getByLabel('E-postadresse').fill('jury@ideverket.example');
  await page.getByLabel('Passord').fill('feil-passord-123');
  await page.getByRole('button', { name: 'Logg inn' }).click();

  await expect(page).toHaveURL(/\/logg-inn/);
  await expect(page.getByRole('alert')).toHaveText('Feil e-postadresse eller passord.');
  await context.close();
});

test('right password signs in, and signing out ends the session', async ({ page }) => {
  await page.goto('/organisasjon');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await page.getByRole('banner').getByRole('link', { name: 'Logg inn' }).click();
  await expect(page).toHaveURL(/\/logg-inn\?next=%2Forganisasjon$/);

  await page.getByLabel('E-postadresse').fill('admin@ideverket.example');
  await page.getByLabel('Passord').fill(password);
  await page.getByRole('button', { name: 'Logg inn' }).click();

  await expect(page).toHaveURL(/\/organisasjon$/);
  await expect(page.getByRole('banner')).toContainText('Innlogget som Astrid Berg');
  await page.reload();
  await expect(page.getByRole('banner')).toContainText('Innlogget som Astrid Berg');

  await page.getByRole('button', { name: 'Logg ut' }).click();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Logg inn' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('Du er logget ut.');
  await page.reload();
  await expect(page.getByRole('banner')).not.toContainText('Astrid Berg');
});

test('signing in works without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/logg-inn');

  await page.getByLabel('E-postadresse').fill('redaktor@ideverket.example');
  await page.getByLabel('Passord').fill(password);
  await page.getByRole('button', { name: 'Logg inn' }).click();

  await expect(page.getByRole('banner')).toContainText('Innlogget som Erik Kristiansen');
  await context.close();
});

test('after signing out, a refused sign-in without JavaScript focuses the refusal, not the old notice', async ({
  browser,
  browserErrors,
}) => {
  browserErrors.expectStatus(401);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/logg-inn?utlogget=1');
  await expect(page.getByRole('status')).toHaveText('Du er logget ut.');
  await expect(page.getByRole('status')).toBeFocused();

  // An address no account has, so no real account collects a failed try.
  await page.getByLabel('E-postadresse').fill('ingen.her@ideverket.example');
  await page.getByLabel('Passord').fill('feil-passord-123');
  await page.getByRole('button', { name: 'Logg inn' }).click();

  await expect(page.getByRole('alert')).toHaveText('Feil e-postadresse eller passord.');
  await expect(page.getByRole('alert')).toBeFocused();
  await expect(page.getByText('Du er logget ut.')).toHaveCount(0);
  await context.close();
});
