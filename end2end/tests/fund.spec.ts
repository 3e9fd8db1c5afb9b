import { Page } from '@playwright/test';

import { expect, test } from './fixtures';
import { expectAccessible, minutes, oslo, signIn } from './helpers';

// The research and innovation fund (issue 28): a round from the call to the decision, as its
// users meet it in Chromium.


const criteria = [
  'Nyskapende og knyttet til kommunens hovedmål',
  'Forankret i linjeorganisasjonen',
  'Kan spres og skaleres',
  'Gevinstpotensial (økonomi og kvalitet)',
  'Utenfor ordinær drift',
];

async function hydrated(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
}

/** Applies to the call at `callUrl` from Sandvika skole for `amount`, and submits. */
async function apply(page: Page, callUrl: string, title: string, amount: number, checkDraft = false): Promise<string> {
  await page.goto(callUrl);
  await page.getByRole('link', { name: 'Søk om midler' }).click();
  await hydrated(page);
  await page.getByLabel('Tittel', { exact: true }).fill(title);
  await page.getByLabel(/^Sammendrag/).fill('Kortere kø og færre telefoner.');
  await page.getByLabel(/^Tjenestested/).selectOption({ label: 'Sandvika skole' });
  await page.getByLabel(/^Søknadsbeløp/).fill(String(amount));
  await page.getByLabel(/^Budsjettlinje 1\b/).fill('Utstyr');
  await page.getByLabel(/^Beløp for budsjettlinje 1\b/).fill(String(amount / 2));
  await page.getByLabel(/^Budsjettlinje 2\b/).fill('Frikjøp');
  // First with lines that do not add up: refused beside the amount, the input kept.
  await page.getByLabel(/^Beløp for budsjettlinje 2\b/).fill('1');
  for (const criterion of criteria) {
    await page.getByLabel(new RegExp(`^${criterion.replace(/[()]/g, '\\$&')}`)).fill(`${criterion}: ja`);
  }
  await page.getByRole('button', { name: 'Lagre utkastet' }).click();
  await expect(page.getByText('Budsjettlinjene må til sammen bli det samme som søknadsbeløpet.').first()).toBeVisible();
  await expect(page.getByLabel('Tittel', { exact: true })).toHaveValue(title);
  await page.getByLabel(/^Beløp for budsjettlinje 2\b/).fill(String(amount / 2));
  await page.getByRole('button', { name: 'Lagre utkastet' }).click();
  await expect(page.getByText('Søknaden er lagret som utkast.')).toBeVisible();
  if (checkDraft) {
    // The draft's own form page, resumed, is as accessible as the new one.
    const url = page.url();
    const edit = `${new URL(url).pathname}/endre`;
    await expectAccessible(page, edit);
    await expect(page.getByLabel('Tittel', { exact: true })).toHaveValue(title);
    // As delivery.spec.ts checks every page its admin can open: the policy, its nonce on the
    // hydration script, and no sideways scroll at 320 px.
    const response = await page.goto(edit);
    const policy = response?.headers()['content-security-policy'] ?? '';
    expect(policy).toContain("script-src 'self' 'nonce-");
    expect(policy).not.toContain('unsafe-inline');
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(await page.evaluate(() => [...document.scripts].map((s) => s.nonce))).toContain(nonce);
    await hydrated(page);
    await page.setViewportSize({ width: 320, height: 640 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(url);
  }
  await hydrated(page);
  await page.getByRole('button', { name: 'Send inn søknaden' }).click();
  await expect(page.getByText('Søknaden er sendt inn og låst.')).toBeVisible();
  return page.url();
}

test('an employee applies, the manager anchors, two reviewers (one recused), the council recommends within budget and decides', async ({
  page,
  browser,
  baseURL,
  browserErrors,
}) => {
  test.setTimeout(300_000);
  // Two refusals on purpose: budget lines that do not add up, a recommendation over budget.
  browserErrors.expectStatus(422);
  const round = `Sosiale entreprenører ${Date.now()}`;
  const as = async (email: string) => {
    const context = await browser.newContext({ baseURL });
    const other = await context.newPage();
    await signIn(other, email);
    return other;
  };

  // The admin makes the manager a fund reviewer too (the app will flag them as the line manager).
  await signIn(page, 'admin@ideverket.example');
  await page.goto('/admin/brukere?q=leder');
  await page.getByRole('link', { name: 'Marit Nilsen' }).click();
  await hydrated(page);
  await page.getByLabel('Rolle', { exact: true }).selectOption({ label: 'Fagvurderer (fondet)' });
  await page.getByRole('button', { name: 'Gi rollen' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Fagvurderer (fondet)' })).toBeVisible();

  // The council opens a round of 250 000 kr, at most 200 000 per application.
  const council = await as('innovasjonsrad@ideverket.example');
  await council.goto('/fond');
  await council.getByRole('link', { name: 'Ny utlysning' }).click();
  await hydrated(council);
  await council.getByLabel('Spor').selectOption({ label: 'Sosiale entreprenører' });
  await council.getByLabel('Tittel', { exact: true }).fill(round);
  await council.getByLabel('Tekst', { exact: true }).fill('Søk om midler til sosialt entreprenørskap.');
  await council.getByLabel('Åpner').fill(oslo(minutes(-3)));
  await council.getByLabel('Søknadsfrist').fill(oslo(minutes(60)));
  await council.getByLabel('Budsjett (kr)').fill('250 000');
  await council.getByLabel('Høyeste beløp per søknad').fill('200 000');
  await council.getByLabel(/^Fagvurderere/).fill('fagvurderer@ideverket.example, leder@ideverket.example');
  await council.getByRole('button', { name: 'Opprett utlysningen' }).click();
  await expect(council.getByText('Utlysningen er opprettet.')).toBeVisible();
  const callUrl = council.url();

  // The employee applies twice; the open call is on the fund's front page.
  const employee = await as('ansatt@ideverket.example');
  // The employee works at Sandvika skole (the demo accounts share the reviewer's town hall,
  // which would make the reviewer step aside as a colleague).
  await employee.goto('/profil');
  await hydrated(employee);
  await employee.getByLabel('Tjenestested').selectOption({ label: 'Sandvika skole' });
  await employee.getByRole('button', { name: 'Lagre' }).first().click();
  await expect(employee.getByText('Endringene er lagret.')).toBeVisible();
  await employee.goto('/fond');
  await expect(employee.getByRole('region', { name: 'Åpne utlysninger (tabell)' }).getByRole('link', { name: round })).toBeVisible();
  const first = await apply(employee, callUrl, `Sosial kafé ${Date.now()}`, 150_000, true);
  const second = await apply(employee, callUrl, `Arbeidstrening ${Date.now()}`, 150_000);

  // The line manager confirms the anchoring of both.
  const manager = await as('leder@ideverket.example');
  for (const url of [first, second]) {
    await manager.goto(url);
    await hydrated(manager);
    await manager.getByRole('button', { name: 'Bekreft forankringen' }).click();
    await expect(manager.getByText('Forankringen er bekreftet.')).toBeVisible();
  }

  // The reviewer scores the first application.
  const reviewer = await as('fagvurderer@ideverket.example');
  await reviewer.goto(first);
  await hydrated(reviewer);
  for (const criterion of criteria) {
    await reviewer.getByRole('group', { name: `${criterion} (vekt 1)` }).getByRole('radio', { name: '4' }).check();
  }
  await reviewer.getByRole('button', { name: 'Send inn vurderingen' }).click();
  await expect(reviewer.getByText('Vurderingen er sendt inn.')).toBeVisible();

  // The manager, also a reviewer, is flagged as the line manager: no scores, only the recusal.
  await manager.goto(first);
  await hydrated(manager);
  await expect(manager.getByText('Du er leder for søkerens tjenestested eller tjenesteområde.')).toBeVisible();
  await expect(manager.getByRole('button', { name: 'Send inn vurderingen' })).toHaveCount(0);
  await manager.getByRole('button', { name: 'Bekreft inhabiliteten' }).click();
  await expect(manager.getByText('Inhabiliteten er registrert.').first()).toBeVisible();

  // The council closes the round (its deadline moved to a minute ago) and recommends.
  await council.goto(callUrl);
  await hydrated(council);
  await council.getByLabel('Søknadsfrist').fill(oslo(minutes(-1)));
  await council.getByRole('button', { name: 'Lagre endringene' }).click();
  await expect(council.getByText('Utlysningen er endret.')).toBeVisible();
  await council.getByRole('link', { name: 'Rangering og innstilling' }).click();
  await hydrated(council);
  const firstTitle = await (async () => {
    await employee.goto(first);
    return (await employee.getByRole('heading', { level: 1 }).textContent()) ?? '';
  })();
  const secondTitle = await (async () => {
    await employee.goto(second);
    return (await employee.getByRole('heading', { level: 1 }).textContent()) ?? '';
  })();
  await council.getByLabel(`Innstilt beløp – ${firstTitle}`).fill('150 000');
  await council.getByLabel(`Begrunnelse – ${firstTitle}`).fill('Tydelig gevinst for brukerne.');
  await council.getByLabel(`Innstilt beløp – ${firstTitle}`).press('Enter');
  await expect(council.getByText('Innstillingen er lagret.')).toBeVisible();
  await hydrated(council);
  await council.getByLabel(`Innstilt beløp – ${secondTitle}`).fill('150 000');
  await council.getByLabel(`Innstilt beløp – ${secondTitle}`).press('Enter');
  await expect(council.getByText('Summen blir høyere enn budsjettet.').first()).toBeVisible();
  await council.getByLabel(`Innstilt beløp – ${secondTitle}`).fill('100 000');
  await council.getByLabel(`Innstilt beløp – ${secondTitle}`).press('Enter');
  await expect(council.getByText('Innstillingen er lagret.')).toBeVisible();
  await expect(council.getByText('Gjenstår 0 kr')).toBeVisible();
  await hydrated(council);
  await council.getByLabel(/^Saksnummer/).fill('2027/77');
  await council.getByRole('button', { name: 'Fatt vedtak' }).click();
  await expect(council.getByText('Vedtaket er fattet. Søkerne ser nå utfallet.')).toBeVisible();

  // The applicant sees the outcome and the letter; the grant shows on the portfolio project.
  await employee.goto(first);
  await expect(employee.getByText('Søknaden fikk tilskudd: 150\u00a0000 kr')).toBeVisible();
  await expect(employee.getByText('Tydelig gevinst for brukerne.')).toBeVisible();
  await employee.getByRole('link', { name: 'Vedtaksbrev (utskriftsvennlig)' }).click();
  await expect(employee.getByRole('heading', { level: 1 })).toContainText('Vedtak i søknad om tilskudd');
  await expect(employee.getByText('Saksnummer: 2027/77')).toBeVisible();
  await employee.goto(first);
  await employee.getByRole('link', { name: firstTitle }).click();
  await expect(employee.getByText(`Forsknings- og innovasjonsfondet: ${round}`).first()).toBeVisible();

  for (const other of [council, employee, manager, reviewer]) await other.context().close();
});

test('axe-core finds no WCAG 2.1 A/AA violations on the fund pages', async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, 'innovasjonsrad@ideverket.example');
  for (const path of [
    '/fond',
    '/fond/oversikt',
    '/fond/utlysninger/ny',
    '/fond/utlysninger/1',
    '/fond/utlysninger/2',
    '/fond/utlysninger/2/sok',
    '/fond/utlysninger/1/innstilling',
    '/fond/soknader/1',
    '/fond/soknader/1/vedtak',
  ]) {
    await expectAccessible(page, path);
  }
});

test('the fund pages speak English when asked, and stay accessible', async ({ page, context, baseURL }) => {
  await signIn(page, 'innovasjonsrad@ideverket.example');
  await context.addCookies([{ name: 'ideverket_lang', value: 'en', url: baseURL! }]);
  await expectAccessible(page, '/fond');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('The research and innovation fund');
  await expectAccessible(page, '/fond/utlysninger/1/innstilling');
  await expect(page.getByRole('link', { name: 'Download the recommendation (XLSX)' })).toBeVisible();
  await expectAccessible(page, '/fond/soknader/1');
});
