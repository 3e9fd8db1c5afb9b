import { expect, test } from './fixtures';

import { expectAccessible, signIn } from './helpers';

test('an admin creates a service site, fixing a bad date, and closes it on a date', async ({ page, browserErrors }) => {
  browserErrors.expectStatus(422);
  await signIn(page, 'admin@ideverket.example');
  await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Organisasjon (admin)' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Administrer organisasjonen');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const form = page.locator('section', { has: page.getByRole('heading', { name: 'Nytt tjenestested' }) });

  await form.getByLabel('Navn', { exact: true }).fill('Testby skole');
  await form.getByLabel('Tjenesteområde', { exact: true }).selectOption({ label: 'Oppvekst skole' });
  await form.getByLabel('Aktiv fra').fill('01.08.2026');
  await form.getByRole('button', { name: 'Opprett tjenestested' }).click();
  await expect(form.locator('#active_from-error')).toContainText('ÅÅÅÅ-MM-DD');
  await expect(form.getByLabel('Navn', { exact: true })).toHaveValue('Testby skole');

  await form.getByLabel('Aktiv fra').fill('2026-08-01');
  await form.getByRole('button', { name: 'Opprett tjenestested' }).click();
  await expect(form.getByRole('status')).toHaveText('Opprettet.');
  await page.getByRole('link', { name: 'Testby skole' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Testby skole');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await page.getByLabel('Nedlagt fra').fill('2026-07-01');
  await page.getByRole('button', { name: 'Lagre' }).click();
  await expect(page.locator('#closed_on-error')).toContainText('etter startdatoen');
  await page.getByLabel('Nedlagt fra').fill('2027-06-30');
  await page.getByRole('button', { name: 'Lagre' }).click();
  await expect(page).toHaveURL(/\/admin\/organisasjon$/);
  await expect(page.getByRole('row', { name: /Testby skole/ })).toContainText('2027-06-30');
});

test('an admin renames a sector, and a taken name is refused beside the field', async ({ page, browserErrors }) => {
  browserErrors.expectStatus(409);
  await signIn(page, 'admin@ideverket.example');
  await page.goto('/admin/organisasjon');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const form = page.locator('section', { has: page.getByRole('heading', { name: 'Gi et tjenesteområde nytt navn' }) });

  await form.getByLabel('Tjenesteområde', { exact: true }).selectOption({ label: 'Teknisk' });
  await form.getByLabel('Nytt navn').fill('Miljø, idrett og kultur');
  await form.getByRole('button', { name: 'Endre navn' }).click();
  await expect(form.locator('#rename-sector-name-error')).toHaveText('Denne er allerede i bruk.');

  await form.getByLabel('Nytt navn').fill('Teknisk drift');
  await form.getByRole('button', { name: 'Endre navn' }).click();
  await expect(form.getByRole('status')).toHaveText('Navnet er endret.');
  await expect(page.getByRole('cell', { name: 'Teknisk drift' }).first()).toBeVisible();
});

test('a CSV import with one bad row imports nothing and lists the bad row', async ({ page, browserErrors }) => {
  browserErrors.expectStatus(422);
  await signIn(page, 'admin@ideverket.example');
  await page.goto('/admin/organisasjon');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const csv = page.getByLabel('CSV-innhold');

  await csv.fill('name;sector;active_from\nImportby skole;Oppvekst skole;2026-08-01\nFeilby skole;Finnes ikke;2026-08-01\n');
  await page.getByRole('button', { name: 'Importer' }).click();
  await expect(page.locator('#csv-report')).toContainText('Ingenting ble importert. 1 feil må rettes');
  await expect(page.locator('#csv-report')).toContainText('Linje 3, «sector»');
  await expect(page.getByRole('link', { name: 'Importby skole' })).toHaveCount(0);

  await csv.fill('name;sector;active_from\nImportby skole;Oppvekst skole;2026-08-01\n');
  await page.getByRole('button', { name: 'Importer' }).click();
  await expect(page.locator('#csv-report')).toContainText('Importert: 1 nye, 0 endret.');
  await expect(page.getByRole('link', { name: 'Importby skole' })).toBeVisible();

  const exported = await page.request.get('/admin/eksport/tjenestesteder.csv');
  expect(exported.status()).toBe(200);
  expect(await exported.text()).toContain('Importby skole,Oppvekst skole,2026-08-01,');
});

test('an admin imports a user, gives them a scoped role and anonymises them', async ({ page, browserErrors }) => {
  browserErrors.expectStatus(422);
  await signIn(page, 'admin@ideverket.example');
  await page.goto('/admin/brukere');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await page.getByLabel('CSV-innhold').fill('name,email,home_site,language,roles\nSlutta Ansatt,slutta@ideverket.example,Sandvika skole,nb,editor\n');
  await page.getByRole('button', { name: 'Importer' }).click();
  await expect(page.locator('#csv-report')).toContainText('Importert: 1 nye');

  await page.goto('/admin/brukere?q=slutta');
  await page.getByRole('link', { name: 'Slutta Ansatt' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Slutta Ansatt');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');

  await page.getByLabel('Rolle', { exact: true }).selectOption({ label: 'Leder' });
  await page.getByRole('button', { name: 'Gi rollen' }).click();
  await expect(page.locator('#scope-error')).toHaveText('En leder må ha et tjenesteområde.');
  await page.getByLabel('Område (bare for ledere)').selectOption({ label: 'Oppvekst skole' });
  await page.getByRole('button', { name: 'Gi rollen' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Leder (Oppvekst skole)' })).toBeVisible();

  // An imported user has no password until an admin sets one; then they can sign in.
  await page.getByLabel('Nytt passord', { exact: true }).fill('Snøfall-over-Kolsås-2026');
  await page.getByRole('button', { name: 'Sett passord' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Passordet er satt.' })).toBeVisible();
  const signInCheck = await page.context().browser()!.newContext();
  const other = await signInCheck.newPage();
  await signIn(other, 'slutta@ideverket.example', 'Snøfall-over-Kolsås-2026');
  await expect(other.getByRole('banner')).toContainText('Slutta Ansatt');
  await signInCheck.close();

  // Anonymising needs the confirmation ticked.
  await page.getByRole('button', { name: 'Anonymiser brukeren' }).click();
  await expect(page.locator('#confirm-error')).toHaveText('Kryss av i boksen for å bekrefte.');
  await page.getByLabel('Jeg forstår at anonymiseringen ikke kan angres.').check();
  await page.getByRole('button', { name: 'Anonymiser brukeren' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Anonymisert bruker \d+$/);
  await expect(page.getByText('slutta@ideverket.example')).toHaveCount(0);

  // The audit log shows what happened, filtered by action.
  await page.goto('/admin/logg?action=user.');
  await expect(page.getByRole('cell', { name: 'user.anonymised' }).first()).toBeVisible();
  await expect(page.getByRole('cell', { name: 'user.role_granted' }).first()).toBeVisible();
});

test('the audit log keeps the filter and names a bad date beside its field', async ({ page }) => {
  await signIn(page, 'admin@ideverket.example');
  await page.goto('/admin/logg');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');

  await page.getByLabel('Handling (f.eks. user.)').fill('auth.signed_in');
  await page.getByLabel('Fra dato').fill('i går');
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page.locator('#from-error')).toContainText('ÅÅÅÅ-MM-DD');
  await expect(page.getByLabel('Handling (f.eks. user.)')).toHaveValue('auth.signed_in');

  await page.getByLabel('Fra dato').fill('');
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page.getByRole('cell', { name: 'auth.signed_in' }).first()).toBeVisible();
  await expect(page.getByRole('cell', { name: 'user.created' })).toHaveCount(0);
});

test('non-admins get 403 on every admin page', async ({ page, browserErrors }) => {
  browserErrors.expectStatus(403);
  await signIn(page, 'fagvurderer@ideverket.example');
  for (const path of ['/admin/organisasjon', '/admin/organisasjon/steder/1', '/admin/logg', '/admin/brukere/1']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Du har ikke tilgang til denne siden');
  }
  const csv = await page.request.get('/admin/eksport/brukere.csv');
  expect(csv.status()).toBe(403);
});

test('axe-core finds no WCAG 2.1 A/AA violations on the new admin pages', async ({ page }) => {
  await signIn(page, 'admin@ideverket.example');
  for (const path of ['/admin/organisasjon', '/admin/organisasjon/steder/1', '/admin/logg', '/admin/brukere/1']) {
    await expectAccessible(page, path);
  }
});
