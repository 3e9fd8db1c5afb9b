import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';

import { demoPassword, signIn } from './helpers';

test('an admin creates a user, who can then sign in', async ({ page, browserErrors }) => {
  browserErrors.expectStatus(422);
  await signIn(page, 'admin@ideverket.example');
  await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Brukere' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Brukere');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');

  // A common password is refused next to its field, and what was typed stays.
  await page.getByLabel('Navn', { exact: true }).fill('Nora Nyansatt');
  await page.getByLabel('E-postadresse', { exact: true }).fill('nora.nyansatt@ideverket.example');
  await page.getByLabel('Passord', { exact: true }).fill('passord123');
  await page.getByRole('button', { name: 'Opprett bruker' }).click();
  await expect(page.locator('#password-error')).toContainText('for lett å gjette');
  await expect(page.getByLabel('Passord', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Navn', { exact: true })).toHaveValue('Nora Nyansatt');

  await page.getByLabel('Passord', { exact: true }).fill('Vårsol-over-Kolsås-2026');
  await page.getByLabel('Tjenestested').selectOption({ label: 'Sandvika skole' });
  await page.getByRole('button', { name: 'Opprett bruker' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Brukeren er opprettet.' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Nora Nyansatt' })).toBeVisible();

  await page.getByRole('button', { name: 'Logg ut' }).click();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Logg inn' })).toBeVisible();
  await signIn(page, 'nora.nyansatt@ideverket.example', 'Vårsol-over-Kolsås-2026');
  await expect(page.getByRole('banner')).toContainText('Innlogget som Nora Nyansatt');
});

test('a signed-in employee who is not an admin gets 403 on the admin page', async ({ page, browserErrors }) => {
  browserErrors.expectStatus(403);
  await signIn(page, 'lup@ideverket.example');
  await expect(page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Brukere' })).toHaveCount(0);

  const response = await page.goto('/admin/brukere');

  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Du har ikke tilgang til denne siden');
  await expect(page.getByRole('button', { name: 'Opprett bruker' })).toHaveCount(0);
});

test('axe-core finds no WCAG 2.1 A/AA violations on the admin page', async ({ page }) => {
  await signIn(page, 'admin@ideverket.example');
  await page.goto('/admin/brukere');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await expect(page.getByRole('button', { name: 'Opprett bruker' })).toBeVisible();

  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();

  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
});

test('a deactivated user can no longer sign in', async ({ page, browserErrors }) => {
  browserErrors.expectStatus(401);
  await signIn(page, 'admin@ideverket.example');
  await page.goto('/admin/brukere?q=priskomite');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await expect(page.getByRole('status').filter({ hasText: 'treff' })).toHaveText('1 treff på «priskomite».');
  const row = page.getByRole('row', { name: /Sofie Andersen/ });

  await row.getByRole('button', { name: 'Deaktiver Sofie Andersen' }).click();

  await expect(row.getByRole('cell', { name: 'Deaktivert' })).toBeVisible();
  await page.getByRole('button', { name: 'Logg ut' }).click();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Logg inn' })).toBeVisible();
  await page.goto('/logg-inn');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await page.getByLabel('E-postadresse', { exact: true }).fill('priskomite@ideverket.example');
  await page.getByLabel('Passord', { exact: true }).fill(demoPassword);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expect(page.getByRole('alert')).toHaveText('Feil e-postadresse eller passord.');
});
