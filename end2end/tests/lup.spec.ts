import { readFileSync } from 'node:fs';

import { expect, test } from './fixtures';
import { expectAccessible, signIn } from './helpers';

test('a LUP coordinator runs a cohort, a group completes, and the coverage dashboard counts it', async ({
  page,
  browser,
  baseURL,
  browserErrors,
}) => {
  // A long flow through many pages: more than the default half minute in the debug build.
  test.setTimeout(180_000);
  // One refused cohort on purpose (it ends before it starts), and an employee refused.
  browserErrors.expectStatus(422);
  browserErrors.expectStatus(403);
  const name = `E2E-kull ${Date.now()}`;

  // The school sector's manager sees the dashboard for their sector.
  const managerContext = await browser.newContext({ baseURL });
  const manager = await managerContext.newPage();
  await signIn(manager, 'leder@ideverket.example');
  await manager.goto('/lup');
  await expect(manager.getByRole('heading', { level: 1 })).toHaveText('LUP: ledergrupper og dekning');
  await expect(manager.getByText('Tallene gjelder tjenestestedene du er leder for.')).toBeVisible();
  const managersCompleted = manager.locator('.figures li').nth(1).locator('strong');
  const managersBefore = Number((await managersCompleted.textContent())?.replace(/\s/g, ''));

  await signIn(page, 'lup@ideverket.example');
  await page.goto('/lup');
  await expect(page.getByText('Tallene gjelder hele kommunen.')).toBeVisible();
  const completed = page.locator('.figures li').nth(1).locator('strong');
  const before = Number((await completed.textContent())?.replace(/\s/g, ''));
  expect(before).toBeGreaterThanOrEqual(152);

  // A new cohort: a refusal says why beside the field and keeps what was typed.
  await page.goto('/lup/kull');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const form = page.locator('section', { has: page.getByRole('heading', { name: 'Nytt kull' }) });
  await form.getByLabel('Navn').fill(name);
  await form.getByLabel('Startdato').fill('2024-01-08');
  await form.getByLabel('Sluttdato').fill('2023-12-31');
  await form.getByLabel('Antall ledergrupper kullet tar').fill('10');
  await form.getByRole('button', { name: 'Opprett kullet' }).click();
  await expect(form.locator('#cohort-ends-error')).toBeVisible();
  await expect(form.getByLabel('Navn')).toHaveValue(name);
  await form.getByLabel('Sluttdato').fill('2024-06-28');
  await form.getByRole('button', { name: 'Opprett kullet' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const cohortUrl = page.url();

  // A gathering, and the town hall's leader group.
  const gathering = page.locator('section', { has: page.getByRole('heading', { name: 'Legg til en samling' }) });
  await gathering.getByLabel('Dato').fill('2024-02-06');
  await gathering.getByLabel('Tema').fill('Innsikt og brukerbehov');
  await gathering.getByLabel('Sted').fill('Rådhuset');
  await gathering.getByRole('button', { name: 'Legg til samlingen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Samlingen er lagt til.' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Samlingen er lagt til.' })).toBeFocused();
  await expect(page.getByRole('row', { name: /Innsikt og brukerbehov/ })).toBeVisible();
  const enrol = page.locator('section', { has: page.getByRole('heading', { name: 'Meld på en ledergruppe' }) });
  await enrol.getByLabel('Tjenestested').selectOption({ label: 'Sandvika rådhus' });
  await enrol.getByRole('button', { name: 'Meld på' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Ledergruppen er meldt på.' })).toBeVisible();
  await enrol.getByLabel('Tjenestested').selectOption({ label: 'Sandvika skole' });
  await enrol.getByRole('button', { name: 'Meld på' }).click();
  await expect(page.getByRole('link', { name: 'Sandvika skole' })).toBeVisible();
  await page.getByRole('link', { name: 'Sandvika rådhus' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sandvika rådhus');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const groupUrl = page.url();

  // The manager lives at the town hall: a leader of its group.
  const member = page.locator('section', { has: page.getByRole('heading', { name: 'Legg til et medlem' }) });
  // Named by name alone, as without the WebAssembly (issue 30): one active user has it.
  await member.getByLabel('Navn eller e-postadresse (leder eller ildsjel)').fill('marit nilsen');
  await member.getByRole('button', { name: 'Legg til medlemmet' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Medlemmet er lagt til.' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Marit Nilsen/ }).first()).toContainText('Leder');

  // The attendance grid: one labelled box per member and gathering, saved as a whole.
  const box = page.getByRole('checkbox', { name: 'Marit Nilsen, 06.02.2024' });
  await box.focus();
  await page.keyboard.press('Space');
  await expect(box).toBeChecked();
  await page.getByRole('button', { name: 'Lagre oppmøtet' }).click();
  await expect(page.getByText('Oppmøtet er lagret.')).toBeVisible();
  // The page reloaded with the message focused, so a screen reader reads it (issue 24).
  await expect(page.getByRole('status').filter({ hasText: 'Oppmøtet er lagret.' })).toBeFocused();
  await expect(page.getByRole('checkbox', { name: 'Marit Nilsen, 06.02.2024' })).toBeChecked();

  // The school's group completes, on a date in the cohort.
  await page.goto(cohortUrl);
  await page.getByRole('link', { name: 'Sandvika skole' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sandvika skole');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const schoolUrl = page.url();
  const status = page.locator('section', { has: page.getByRole('heading', { name: 'Endre status' }) });
  await status.getByLabel('Ny status').selectOption({ label: 'Fullført' });
  await status.getByLabel('Dato (fullført eller trukket)').fill('2024-06-20');
  await status.getByRole('button', { name: 'Lagre statusen' }).click();
  await expect(page.locator('dl.facts')).toContainText('Fullført 20.06.2024');

  // The school sector's manager sees it on their dashboard, with the chart and its table.
  await manager.reload();
  await expect(managersCompleted).toHaveText(String(managersBefore + 1));
  await expect(manager.getByRole('img', { name: /Tjenestesteder med fullført ledergruppe, per måned/ })).toBeVisible();
  await expect(manager.getByRole('table', { name: 'Tjenestesteder med fullført ledergruppe, per måned' })).toBeVisible();

  // The coordinator's dashboard counts one more completed group; the site list downloads.
  await page.goto('/lup');
  await expect(completed).toHaveText(String(before + 1));
  // A target for the school sector, evaluated against its coverage.
  const target = page.locator('section', { has: page.getByRole('heading', { name: 'Sett et mål' }) });
  await target.getByLabel('Antall eller prosent').fill('1');
  await target.getByLabel('Gjelder').selectOption({ label: 'Oppvekst skole' });
  await target.getByLabel('Frist').fill('2024-12-31');
  await target.getByRole('button', { name: 'Lagre målet' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Målet er lagret.' })).toBeVisible();
  await expect(page.getByRole('row', { name: /1 tjenestested Oppvekst skole 31\.12\.2024 Nådd/ })).toBeVisible();
  // The forecast (issue 32): each target in words, the sector target met; the whole
  // municipality's share target continues the chart's line, dashed, its months in the table.
  const forecast = page.locator('section', { has: page.getByRole('heading', { name: 'Prognose', exact: true }) });
  await expect(forecast.getByRole('listitem').filter({ hasText: /^Oppvekst skole, 1 tjenestested innen/ }).first()).toContainText(
    'Målet er nådd',
  );
  await expect(forecast.getByRole('listitem').filter({ hasText: /^Hele kommunen, 80\s% av tjenestestedene/ })).toContainText(
    /Med dagens tempo \(\d+,\d tjenestesteder i måneden\) nås (ikke )?\d+ tjenestesteder/,
  );
  await expect(page.locator('polyline.chart__forecast')).toHaveCount(1);
  const chartTable = page.getByRole('table', { name: 'Tjenestesteder med fullført ledergruppe, per måned' });
  await expect(chartTable.getByRole('row', { name: /\(prognose\)/ }).first()).toBeVisible();
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Last ned tjenestestedene (CSV)' }).click(),
  ]);
  const csvText = readFileSync(await csv.path(), 'utf8');
  expect(csvText.split('\n')[0]).toContain('tjenestested,tjenesteområde,status');
  expect(csvText).toContain('Sandvika rådhus');
  const [xlsx] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Last ned tjenestestedene (Excel)' }).click(),
  ]);
  expect(readFileSync(await xlsx.path()).subarray(0, 2).toString()).toBe('PK');

  // The leaders of the sites not started are reminded (DESIGN §5, issue 30).
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const remind = page.locator('section', { has: page.getByRole('heading', { name: 'Påminn lederne' }) });
  await remind.getByRole('button', { name: 'Send påminnelsen' }).click();
  await expect(remind.getByText('Påminnelsen er sendt.')).toBeVisible();

  // An employee is refused.
  const employeeContext = await browser.newContext({ baseURL });
  const employee = await employeeContext.newPage();
  await signIn(employee, 'ansatt@ideverket.example');
  const refused = await employee.goto('/lup');
  expect(refused?.status()).toBe(403);
  await employeeContext.close();

  // Every new page passes axe-core, with the coordinator's forms and the manager's view.
  for (const path of ['/lup', '/lup/kull', cohortUrl, groupUrl, schoolUrl]) {
    await expectAccessible(page, path);
  }
  await expectAccessible(manager, '/lup');
  await managerContext.close();
});
