import { expect, test } from './fixtures';

import { demoPassword, expectAccessible, signIn } from './helpers';

test('an employee creates an API token, uses it, and revokes it', async ({ page, request }) => {
  await signIn(page, 'ansatt@ideverket.example');
  // The signed-in name in the header leads to the profile.
  await page.locator('a.session-status__profile').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Min profil');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');

  await page.getByLabel('Navn på nøkkelen').fill('E2E-skript');
  await page.getByRole('button', { name: 'Lag nøkkel' }).click();
  const secret = (await page.getByTestId('new-token').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^idv_[0-9a-f]{64}$/);
  await expect(page.getByRole('rowheader', { name: 'E2E-skript' })).toBeVisible();

  const me = await request.get('/api/v1/me', { headers: { Authorization: `Bearer ${secret}` } });
  expect(me.status()).toBe(200);
  expect((await me.json()).email).toBe('ansatt@ideverket.example');

  // Not an admin: the admin API refuses with a problem, as the admin pages do.
  const users = await request.get('/api/v1/users', { headers: { Authorization: `Bearer ${secret}` } });
  expect(users.status()).toBe(403);
  expect(users.headers()['content-type']).toBe('application/problem+json');

  await page.getByRole('button', { name: 'Trekk tilbake E2E-skript' }).click();
  await expect(page.getByRole('row', { name: /E2E-skript/ })).toContainText('Trukket tilbake');
  const after = await request.get('/api/v1/me', { headers: { Authorization: `Bearer ${secret}` } });
  expect(after.status()).toBe(401);
});

test('profile changes are saved and the own-data download holds the account', async ({ page, browserErrors }) => {
  browserErrors.expectStatus(422);
  await signIn(page, 'innovasjonsrad@ideverket.example');
  await page.goto('/profil');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const name = page.getByLabel('Navn', { exact: true });

  await name.fill('   ');
  await page.getByRole('button', { name: 'Lagre' }).click();
  await expect(page.locator('#name-error')).toHaveText('Fyll ut feltet.');

  await name.fill('Rådsmedlem Endret');
  await page.getByLabel('Tjenestested').selectOption({ label: 'Sandvika skole' });
  await page.getByRole('button', { name: 'Lagre' }).click();
  await expect(page.getByText('Endringene er lagret.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Navn', { exact: true })).toHaveValue('Rådsmedlem Endret');

  const download = await page.request.get('/profil/mine-data.json');
  expect(download.status()).toBe(200);
  const data = await download.json();
  expect(data.account.email).toBe('innovasjonsrad@ideverket.example');
  expect(data.account.name).toBe('Rådsmedlem Endret');
});

test('the API page lists the endpoints and the OpenAPI document is valid OpenAPI 3.1', async ({ page, request }) => {
  await page.goto('/api-dokumentasjon');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('API for utviklere');
  await expect(page.getByRole('cell', { name: '/api/v1/users/{id}/roles' })).toBeVisible();

  const response = await request.get('/api/v1/openapi.json');
  expect(response.status()).toBe(200);
  const doc = await response.json();
  expect(doc.openapi).toMatch(/^3\.1\./);
  const { validate } = await import('@readme/openapi-parser');
  const result = await validate(structuredClone(doc));
  expect(result.valid ? [] : result.errors).toEqual([]);
  const paths = Object.keys(doc.paths);
  const rows = await page.locator('table tbody tr td:nth-child(2)').allTextContents();
  for (const path of paths) expect(rows).toContain(path);
});

test('axe-core finds no WCAG 2.1 A/AA violations on the profile and API pages', async ({ page }) => {
  await expectAccessible(page, '/api-dokumentasjon');
  await signIn(page, 'leder@ideverket.example');
  await expectAccessible(page, '/profil');
});

test('without JavaScript a new token is shown once after the form post', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/logg-inn?next=/profil');
  await page.getByLabel('E-postadresse').fill('leder@ideverket.example');
  await page.getByLabel('Passord').fill(demoPassword);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Min profil');

  await page.getByLabel('Navn på nøkkelen').fill('Uten JS');
  await page.getByRole('button', { name: 'Lag nøkkel' }).click();

  await expect(page.getByTestId('new-token')).toHaveText(/^idv_[0-9a-f]{64}$/);
  await expect(page.getByRole('rowheader', { name: 'Uten JS' })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('new-token')).toHaveCount(0);
  await context.close();
});
