import { readFileSync } from 'node:fs';

import { expect, test } from './fixtures';
import { expectAccessible, expectAccessibleHere, mailTo, signIn } from './helpers';

/** A day before today as YYYY-MM-DD (a measurement may not be in the future). */
function daysAgo(days: number): string {
  const day = new Date(Date.now() - days * 24 * 3600 * 1000);
  return day.toISOString().slice(0, 10);
}

test('an idea becomes a project that moves a phase, gets a measured benefit, and the portfolio shows it', async ({
  page,
  browser,
  baseURL,
  browserErrors,
}) => {
  // A long flow through many pages: more than the default half minute in the debug build.
  test.setTimeout(180_000);
  // One refused benefit on purpose (a quality benefit without a unit, a negative target).
  browserErrors.expectStatus(422);
  const title = `Digital innsjekk ${Date.now()}`;

  // An employee submits the idea at a school.
  await signIn(page, 'ansatt@ideverket.example');
  await page.goto('/ideer/ny');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await page.getByLabel('Tittel').fill(title);
  await page.getByLabel('Problemet').fill('Lange køer ved skranken hver morgen.');
  await page.getByLabel('Forslaget').fill('En skjerm ved inngangen der foreldre sjekker inn selv.');
  // About 200 sites under their sectors: typing narrows the list and says how many are left
  // (issue 30); a sector's name keeps its sites.
  const sites = page.locator('#site_id option:not([hidden]):not([value=""])');
  const total = await sites.count();
  expect(total).toBeGreaterThan(100);
  await page.getByLabel('Søk i listen').fill('sandvika');
  await expect(page.locator('#site_id-filter-count')).toHaveText(new RegExp(`^Viser \\d+ av ${total}\\.$`));
  const left = await sites.allTextContents();
  expect(left.length).toBeGreaterThan(0);
  expect(left.length).toBeLessThan(20);
  expect(left.every((name) => name.toLowerCase().includes('sandvika'))).toBe(true);
  const sector = await page.locator('#site_id optgroup').first().getAttribute('label');
  await page.getByLabel('Søk i listen').fill(sector!);
  const inSector = await page.locator('#site_id optgroup:not([hidden])').evaluateAll((groups) =>
    groups.map((g) => g.getAttribute('label')),
  );
  expect(inSector).toContain(sector);
  await page.getByLabel('Søk i listen').fill('sandvika');
  await page.getByLabel('Tjenestested').selectOption({ label: 'Sandvika skole' });
  await page.getByLabel('Stikkord (valgfri)').fill('digitalisering, skole');
  await expectAccessibleHere(page);
  await page.getByRole('button', { name: 'Send inn ideen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByText('Ideen er sendt inn. Takk!')).toBeVisible();
  const ideaUrl = page.url();

  // The school sector's manager accepts it, with a reason.
  const managerContext = await browser.newContext({ baseURL });
  const manager = await managerContext.newPage();
  await signIn(manager, 'leder@ideverket.example');
  await manager.goto(ideaUrl);
  await expect(manager.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const assess = manager.locator('section', { has: manager.getByRole('heading', { name: 'Vurder ideen' }) });
  await assess.getByLabel('Godtatt').check();
  await assess.getByLabel('Begrunnelse').fill('Godt forankret på skolen, og enkel å prøve ut.');
  await assess.getByRole('button', { name: 'Lagre vurderingen' }).click();
  await expect(manager.getByRole('link', { name: /Ideen er blitt et prosjekt/ })).toBeVisible();
  await expect(manager.getByText('Godt forankret på skolen, og enkel å prøve ut.')).toBeVisible();

  // The submitter is told, with the reason, and sees it on the idea too.
  await page.goto('/varsler');
  await expect(page.getByRole('link', { name: `Ideen «${title}» er vurdert: Godtatt` })).toBeVisible();
  await expect(page.getByText('Godt forankret på skolen, og enkel å prøve ut.')).toBeVisible();
  await expectAccessible(page, '/varsler');
  // And by e-mail (issue 30): one message, with the reason and a link back to the idea.
  const mails = await mailTo('ansatt@ideverket.example', `Ideen «${title}» er vurdert: Godtatt`);
  expect(mails).toHaveLength(1);
  expect(mails[0].body).toContain('Godt forankret på skolen, og enkel å prøve ut.');
  expect(mails[0].body).toContain(ideaUrl);
  await page.getByRole('button', { name: 'Merk alle som lest' }).click();
  await expect(page.getByText('0 uleste varsler.')).toBeVisible();
  await page.goto(ideaUrl);
  await expect(page.getByText('Godt forankret på skolen, og enkel å prøve ut.')).toBeVisible();
  await page.getByRole('link', { name: /Ideen er blitt et prosjekt/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const projectUrl = page.url();

  // The project page holds no forms: one "Endre" per section leads to that section's forms.
  await expect(page.locator('main form')).toHaveCount(0);
  const edit = async (section: string) => {
    await page.goto(projectUrl);
    await page.getByRole('link', { name: `Endre – ${section}` }).click();
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  };

  // The owner moves it one phase on.
  await edit('Fase');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Endre fase');
  const phase = page.locator('section', { has: page.getByRole('heading', { name: 'Flytt til en annen fase' }) });
  await phase.getByLabel('Ny fase').selectOption({ label: 'Innsikt og idé' });
  await phase.getByRole('button', { name: 'Flytt prosjektet' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Prosjektet er flyttet.' })).toBeVisible();
  await expect(page.getByText('Prosjektet er nå i fasen Innsikt og idé.')).toBeVisible();
  await page.getByRole('link', { name: `Tilbake til prosjektet «${title}»` }).click();
  await expect(page.locator('.timeline')).toContainText('Fra Forankring til Innsikt og idé');

  // A benefit of 250 000 kr a year, and a first measurement of 40 000 kr.
  await edit('Gevinster');
  const benefit = page.locator('section', { has: page.getByRole('heading', { name: 'Legg til en gevinst' }) });
  await benefit.getByLabel('Type gevinst').selectOption({ label: 'Økonomi (kr)' });
  await benefit.getByLabel('Beskrivelse').fill('Sparte timer i skranken');
  await benefit.getByLabel('Nullpunkt').fill('0');
  await benefit.getByLabel('Mål', { exact: true }).fill('250 000');
  await benefit.getByRole('button', { name: 'Legg til gevinsten' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Gevinsten er lagt til.' })).toBeVisible();

  const measurement = page.locator('section', { has: page.getByRole('heading', { name: 'Registrer en måling' }) });
  await measurement.getByLabel('Målt dato').fill(daysAgo(2));
  await measurement.getByLabel('Realisert verdi').fill('40 000');
  await measurement.getByRole('button', { name: 'Registrer målingen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Målingen er registrert.' })).toBeVisible();
  const benefits = page.locator('section', { has: page.getByRole('heading', { name: 'Gevinster', exact: true }) });
  await expect(benefits.getByRole('row', { name: /Sparte timer i skranken/ }).first()).toContainText('40 000');

  // A cost cut counts from its baseline (issue 30): from 120 000 to 20 000 kr plans a gain
  // of 100 000; measured at 30 000 it has realised 90 000.
  await benefit.getByLabel('Type gevinst').selectOption({ label: 'Økonomi (kr)' });
  await benefit.getByLabel('Beskrivelse').fill('Lavere husleie');
  await benefit.getByLabel('Nullpunkt').fill('120 000');
  await benefit.getByLabel('Mål', { exact: true }).fill('20 000');
  await benefit.getByRole('button', { name: 'Legg til gevinsten' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Gevinsten er lagt til.' })).toBeVisible();
  await measurement.getByLabel('Gevinst', { exact: true }).selectOption({ label: 'Lavere husleie (kr)' });
  await measurement.getByLabel('Målt dato').fill(daysAgo(1));
  await measurement.getByLabel('Realisert verdi').fill('30 000');
  await measurement.getByRole('button', { name: 'Registrer målingen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Målingen er registrert.' })).toBeVisible();
  const cut = benefits.getByRole('row', { name: /Lavere husleie/ }).first();
  await expect(cut).toContainText('100 000 kr');
  await expect(cut).toContainText('90 000 kr');
  // Each benefit has its own chart, on its own scale, with its baseline and target named.
  const chart = page.locator('figure', { has: page.locator('title', { hasText: 'Lavere husleie (kr)' }) });
  await expect(chart.locator('.chart__lines')).toContainText('Nullpunkt: 120 000 kr');
  await expect(chart.locator('.chart__lines')).toContainText('Mål: 20 000 kr');

  // A refused benefit says why beside each field and keeps what was typed.
  await benefit.getByLabel('Type gevinst').selectOption({ label: 'Kvalitet' });
  await benefit.getByLabel('Beskrivelse').fill('Fornøyde foreldre');
  await benefit.getByLabel('Nullpunkt').fill('60');
  await benefit.getByLabel('Mål', { exact: true }).fill('-80');
  await benefit.getByRole('button', { name: 'Legg til gevinsten' }).click();
  await expect(benefit.locator('#unit-error')).toBeVisible();
  await expect(benefit.locator('#target-error')).toBeVisible();
  await expect(benefit.getByLabel('Beskrivelse')).toHaveValue('Fornøyde foreldre');

  // The owner names who and what the project involves; a refusal says why beside the field
  // and keeps what was typed.
  await edit('Om prosjektet');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Endre fakta om prosjektet');
  const involved = page.locator('section', {
    has: page.getByRole('heading', { name: 'Medlemmer, steder, partnere og finansiering' }),
  });
  const newMember = involved.getByLabel('Det nye medlemmet');
  await newMember.fill('ingen.her@ideverket.example');
  await involved.getByRole('button', { name: 'Legg til medlem' }).click();
  await expect(involved.locator('#member-user-error')).toHaveText(
    'Vi fant ingen aktiv bruker med dette navnet eller denne e-postadressen.',
  );
  await expect(newMember).toHaveValue('ingen.her@ideverket.example');
  // Per Hansen: a demo user no other test renames (the profile test renames the council's),
  // found by part of his name (issue 30: the person chooser suggests colleagues as one types).
  await newMember.fill('per hans');
  const suggestions = involved.locator('#member-user-people option');
  await expect(suggestions).toHaveCount(1);
  const picked = await suggestions.first().getAttribute('value');
  expect(picked).toBe('Per Hansen <fagvurderer@ideverket.example>');
  await newMember.fill(picked!);
  await involved.getByRole('button', { name: 'Legg til medlem' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Medlemmet er lagt til.' })).toBeVisible();
  await involved.getByLabel('Type partner').selectOption({ label: 'Forskning' });
  await involved.getByLabel('Navnet på partneren').fill('OsloMet');
  await involved.getByRole('button', { name: 'Legg til partner' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Partneren er lagt til.' })).toBeVisible();
  await involved.getByLabel('Kilde').fill('Forsknings- og innovasjonsfondet');
  await involved.getByLabel('Beløp i kroner').fill('450 000');
  await involved.getByRole('button', { name: 'Legg til finansiering' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Finansieringen er lagt til.' })).toBeVisible();
  await expect(involved).toContainText('OsloMet (Forskning)');
  await involved.getByRole('button', { name: 'Fjern OsloMet (Forskning)' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Fjernet fra prosjektet.' })).toBeVisible();
  await expect(involved).not.toContainText('OsloMet');
  // The new member is listed with a button to remove them; the owner is not.
  await expect(involved.getByRole('button', { name: 'Fjern Per Hansen' })).toBeVisible();

  // The owner changes the details; a refusal says why beside the field and keeps the rest.
  const details = page.locator('section', { has: page.getByRole('heading', { name: 'Endre opplysningene' }) });
  await expect(details.getByLabel('Navnet på prosjektet')).toHaveValue(title);
  await details.getByLabel('Stikkord (valgfri)').fill('digitalisering, skole, innsjekk');
  await details.getByLabel('Bærekraftsmål (valgfri)').fill('4, 99');
  await details.getByRole('button', { name: 'Lagre opplysningene' }).click();
  await expect(details.locator('#details-sdgs-error')).toBeVisible();
  await expect(details.getByLabel('Stikkord (valgfri)')).toHaveValue('digitalisering, skole, innsjekk');
  await details.getByLabel('Bærekraftsmål (valgfri)').fill('4, 11');
  await details.getByRole('button', { name: 'Lagre opplysningene' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Opplysningene er lagret.' })).toBeVisible();
  await expect(details.getByLabel('Bærekraftsmål (valgfri)')).toHaveValue('4, 11');

  // The project page shows what the section pages changed.
  await page.goto(projectUrl);
  const facts = page.locator('dl.facts');
  await expect(facts).toContainText('innsjekk');
  await expect(facts).toContainText('Forsknings- og innovasjonsfondet: 450\u00a0000 kr');
  await expect(facts).toContainText('Per Hansen');
  await expect(facts).not.toContainText('OsloMet');

  // The portfolio's summary, filtered to this project, adds it up.
  await page.goto(`/portefolje?q=${encodeURIComponent(title)}`);
  await expect(page.getByRole('status').first()).toHaveText('Viser 1–1 av 1 prosjekt.');
  const figures = page.locator('.figures');
  await expect(figures).toContainText(/\b1\s*prosjekt(?!er)/);
  await expect(figures).toContainText('350 000 kr');
  await expect(figures).toContainText('130 000 kr');
  await expect(page.getByRole('row', { name: new RegExp(title) })).toContainText('Innsikt og idé');

  // The manager downloads the same selection as CSV and as XLSX.
  await manager.goto(`/portefolje?q=${encodeURIComponent(title)}`);
  const [csv] = await Promise.all([
    manager.waitForEvent('download'),
    manager.getByRole('link', { name: 'Last ned utvalget som CSV' }).click(),
  ]);
  const csvText = readFileSync(await csv.path(), 'utf8');
  expect(csvText.split('\n')[0]).toContain('prosjekt,fase');
  expect(csvText).toContain(title);
  const [xlsx] = await Promise.all([
    manager.waitForEvent('download'),
    manager.getByRole('link', { name: 'Last ned utvalget som Excel (XLSX)' }).click(),
  ]);
  const workbook = readFileSync(await xlsx.path());
  expect(workbook.subarray(0, 2).toString()).toBe('PK');
  expect(workbook.includes(Buffer.from('xl/worksheets/sheet1.xml'))).toBe(true);
  expect(xlsx.suggestedFilename()).toBe('portefolje.xlsx');

  // Every new page passes axe-core, with the owner's and the manager's forms on them.
  const sections = ['fakta', 'fase', 'gevinster', 'avvikling'].map((s) => `${projectUrl}/endre/${s}`);
  for (const path of ['/portefolje', projectUrl, ...sections, '/ideer', '/ideer/ny', ideaUrl, '/programmer', '/programmer/1']) {
    await expectAccessible(page, path);
  }
  await expectAccessible(manager, `/portefolje?phase=innsikt_og_ide&sort=budget`);
  await managerContext.close();
});

test('a description that tries to leave its field stays text, before and after hydration (issue 23)', async ({
  page,
}) => {
  // The description a project member once stored to plant a form on an admin's page.
  const payload =
    'Ny praksis</textarea></div></form><form action="/api/grant_user_role" method="post">' +
    '<button class="ds-button">Godkjenn</button></form><meta http-equiv="refresh" ' +
    'content="0;url=/admin/brukere"><form><textarea>';
  await signIn(page, 'admin@ideverket.example');
  await page.goto('/prosjekter/7/endre/fakta');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const forms = await page.locator('form').count();
  const details = page.locator('section', { has: page.getByRole('heading', { name: 'Endre opplysningene' }) });
  await details.getByLabel('Beskrivelse av prosjektet').fill(payload);
  await details.getByRole('button', { name: 'Lagre opplysningene' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Opplysningene er lagret.' })).toBeVisible();

  // As the server renders it (no JavaScript) and once the island has hydrated.
  for (const javaScript of [false, true]) {
    const context = await page.context().browser()!.newContext({ javaScriptEnabled: javaScript });
    await context.addCookies(await page.context().cookies());
    const admin = await context.newPage();
    const origin = new URL(page.url()).origin;
    await admin.goto(`${origin}/prosjekter/7/endre/fakta`);
    if (javaScript) {
      await expect(admin.locator('html')).toHaveAttribute('data-hydrated', 'true');
    }
    await expect(admin).toHaveURL(/\/prosjekter\/7\/endre\/fakta$/);
    await expect(admin.locator('form')).toHaveCount(forms);
    await expect(admin.locator('meta[http-equiv="refresh"]')).toHaveCount(0);
    await expect(admin.getByRole('button', { name: 'Godkjenn' })).toHaveCount(0);
    await expect(admin.getByLabel('Beskrivelse av prosjektet')).toHaveValue(payload);
    // The project page shows it as its text.
    await admin.goto(`${origin}/prosjekter/7`);
    await expect(admin.locator('.prose')).toHaveText(payload);
    await expect(admin.locator('meta[http-equiv="refresh"]')).toHaveCount(0);
    await expect(admin.getByRole('button', { name: 'Godkjenn' })).toHaveCount(0);
    await context.close();
  }
});

test('an administrator creates a programme, changes it, renames a phase and back, and adds, orders and sets the rule of a phase (issue 30)', async ({ page, browserErrors }) => {
  // One refusal on purpose: a name already taken.
  browserErrors.expectStatus(409);
  await signIn(page, 'admin@ideverket.example');
  await page.goto('/programmer');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const name = `Klimaklok drift ${Date.now()}`;
  const create = page.locator('section', { has: page.getByRole('heading', { name: 'Nytt program' }) });
  // A taken name is refused beside the field, the input kept.
  await create.getByLabel('Navn på programmet').fill('Digitalt førstevalg');
  await create.getByRole('button', { name: 'Opprett programmet' }).click();
  await expect(create.locator('#programme-name-error, #name-error').first()).toHaveText('Denne er allerede i bruk.');
  await expect(create.getByLabel('Navn på programmet')).toHaveValue('Digitalt førstevalg');
  await create.getByLabel('Navn på programmet').fill(name);
  await create.getByLabel('Beskrivelse (valgfritt)').fill('Drift som bruker mindre energi.');
  await create.getByRole('button', { name: 'Opprett programmet' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.getByText('Programmet er lagret.')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const edit = page.locator('section', { has: page.getByRole('heading', { name: 'Endre programmet' }) });
  await edit.getByLabel('Navn på programmet').fill(`${name} 2027`);
  await edit.getByRole('button', { name: 'Lagre programmet' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${name} 2027`);
  await expectAccessible(page, page.url());

  // The stopped phase (which no other test reads by name) renamed, and back.
  await page.goto('/programmer');
  await page.getByRole('link', { name: 'Endre fasene i veikartet' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fasene i veikartet');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const stopped = page.locator('section', { has: page.getByRole('heading', { name: 'Stoppet', exact: true }) });
  await stopped.getByLabel(/^Navn på fasen/).fill('Avsluttet');
  await stopped.getByRole('button', { name: 'Lagre navnet' }).click();
  await expect(page.getByRole('heading', { name: 'Avsluttet', exact: true })).toBeVisible();
  await expectAccessible(page, '/portefolje/faser');
  const renamed = page.locator('section', { has: page.getByRole('heading', { name: 'Avsluttet', exact: true }) });
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await renamed.getByLabel(/^Navn på fasen/).fill('Stoppet');
  await renamed.getByRole('button', { name: 'Lagre navnet' }).click();
  await expect(page.getByRole('heading', { name: 'Stoppet', exact: true })).toBeVisible();

  // A new phase at the end of the roadmap (where no other test's project goes), which
  // projects may skip; moved one place up and back down.
  const phase = `Spredning ${Date.now()}`;
  const headings = () => page.locator('main section h2').allTextContents();
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const add = page.locator('section', { has: page.getByRole('heading', { name: 'Legg til en fase' }) });
  await add.getByLabel('Navn på fasen').fill(phase);
  await expect(add.getByLabel('Plasser etter')).toHaveValue(/^\d+$/);
  await add.getByRole('button', { name: 'Legg til fasen' }).click();
  await expect(add.getByText('Fasen er lagt til.')).toBeVisible();
  const added = page.locator('section', { has: page.getByRole('heading', { name: phase }) });
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await added.getByLabel('Prosjekter kan hoppe over denne fasen på vei fremover').check();
  await added.getByRole('button', { name: 'Lagre regelen' }).click();
  await expect(added.getByText('Regelen er lagret.')).toBeVisible();
  await expect(added.getByRole('heading', { name: phase })).toContainText('Kan hoppes over');
  await expect(added.getByLabel('Prosjekter kan hoppe over denne fasen på vei fremover')).toBeChecked();
  const before = await headings();
  const at = before.findIndex((h) => h.startsWith(phase));
  expect(before[at + 1]).toMatch(/^Stoppet/);
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await added.getByRole('button', { name: `Flytt «${phase}» opp` }).click();
  await expect(added.getByText('Rekkefølgen er lagret.')).toBeVisible();
  const after = await headings();
  expect(after.findIndex((h) => h.startsWith(phase))).toBe(at - 1);
  await expectAccessible(page, '/portefolje/faser');
  await added.getByRole('button', { name: `Flytt «${phase}» ned` }).click();
  await expect(added.getByText('Rekkefølgen er lagret.')).toBeVisible();
  expect((await headings()).findIndex((h) => h.startsWith(phase))).toBe(at);
});
