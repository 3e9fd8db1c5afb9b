import { Page } from '@playwright/test';

import { expect, test } from './fixtures';
import { expectAccessible, minutes, oslo, signIn } from './helpers';


async function nominate(page: Page, yearUrl: string, title: string, nomineeEmail = '') {
  await page.goto(yearUrl);
  await page.getByRole('link', { name: /^Nominer\s+i\s+Årets innovasjon$/ }).click();
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await page.getByLabel('Tittel').fill(title);
  await page.getByLabel('Hvem nominerer du').fill('Team Innsjekk');
  if (nomineeEmail) {
    await page.getByLabel('Den nominerte kollegaen (valgfritt)').fill(nomineeEmail);
  }
  await page.getByLabel('Tjenestested').selectOption({ label: 'Sandvika skole' });
  for (const criterion of ['Nyhetsverdi', 'Realisert', 'Skapt verdi', 'Endrede arbeidsmåter', 'Spredningsmulighet']) {
    await page.getByLabel(`Begrunnelse: ${criterion}`).fill(`${criterion}: det viser seg i hverdagen`);
  }
  return page.url();
}

async function score(page: Page, url: string, value: string) {
  await page.goto(url);
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  for (const criterion of ['Nyhetsverdi', 'Realisert', 'Skapt verdi', 'Endrede arbeidsmåter', 'Spredningsmulighet']) {
    await page.getByRole('group', { name: `${criterion} (vekt 1)` }).getByRole('radio', { name: value }).check();
  }
  await page.getByRole('button', { name: 'Lagre stemmen' }).click();
  await expect(page.getByText('Stemmen er lagret.', { exact: false })).toBeVisible();
}

test('an employee nominates, the committee shortlists, two jurors score, and the ceremony reveals the winner', async ({
  page,
  browser,
  baseURL,
  browserErrors,
}) => {
  test.setTimeout(240_000);
  // One nomination refused on purpose (a link that is no web address).
  browserErrors.expectStatus(422);
  const year = String(2040 + Math.floor(Math.random() * 60));
  const winner = `Digital innsjekk ${Date.now()}`;
  const runnerUp = `Felles vikarpool ${Date.now()}`;

  // The committee opens a year: its window open now, the jury's deadline in two days.
  await signIn(page, 'priskomite@ideverket.example');
  await page.goto('/pris');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const newYear = page.locator('section', { has: page.getByRole('heading', { name: 'Nytt prisår' }) });
  await newYear.getByLabel('År', { exact: true }).fill(year);
  await newYear.getByLabel('Nominasjonen åpner').fill(oslo(minutes(-24 * 60)));
  await newYear.getByLabel('Nominasjonen stenger').fill(oslo(minutes(24 * 60)));
  await newYear.getByLabel('Juryens frist').fill(oslo(minutes(2 * 24 * 60)));
  await newYear.getByLabel('Dato for prisutdelingen').fill(oslo(minutes(3 * 24 * 60)).slice(0, 10));
  await newYear.getByRole('button', { name: 'Opprett prisåret' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Innovasjonsprisen ${year}`);
  await expect(page.locator('dl.facts').first()).toContainText('Åpen for nominasjoner');
  const yearUrl = page.url();

  // A category with the default criteria; the juror Ole Larsen chairs, Per Hansen sits on it.
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const category = page.locator('section', { has: page.getByRole('heading', { name: 'Ny kategori' }) });
  await expect(category.getByLabel('Navn på kategorien')).toHaveValue('Årets innovasjon');
  // The people by name: the jury's chooser completes the last one typed, keeping those before.
  const jury = category.getByLabel('Jurymedlemmer');
  await jury.pressSequentially('Per Hansen, ole lar');
  const chosen = 'Per Hansen, Ole Larsen <jury@ideverket.example>';
  // Suggestions come as one types; the one for the last keystrokes names Ole Larsen.
  await expect(category.locator(`#category-jury-people option[value="${chosen}"]`)).toHaveCount(1);
  await jury.fill(chosen);
  await category.getByLabel('Juryleder').fill('ole larsen');
  await category.getByRole('button', { name: 'Legg til kategorien' }).click();
  await expect(page.getByRole('link', { name: /^Nominer\s+i\s+Årets innovasjon$/ })).toBeVisible();

  // An employee nominates twice; a bad link is refused beside its field, the rest kept.
  const employeeContext = await browser.newContext({ baseURL });
  const employee = await employeeContext.newPage();
  await signIn(employee, 'ansatt@ideverket.example');
  const nominateUrl = await nominate(employee, yearUrl, winner);
  await employee.getByLabel('Lenker (valgfritt)').fill('javascript:alert(1)');
  await employee.getByRole('button', { name: 'Send inn nominasjonen' }).click();
  await expect(employee.locator('#nomination-links-error')).toBeVisible();
  await expect(employee.getByLabel('Tittel')).toHaveValue(winner);
  await employee.getByLabel('Lenker (valgfritt)').fill('https://example.org/innsjekk');
  await employee.getByRole('button', { name: 'Send inn nominasjonen' }).click();
  await expect(employee.getByRole('heading', { level: 1 })).toHaveText(winner);
  await expect(employee.getByText('Takk! Nominasjonen er sendt inn.')).toBeVisible();
  const winnerUrl = employee.url();
  await nominate(employee, yearUrl, runnerUp, 'fagvurderer@ideverket.example');
  await employee.getByRole('button', { name: 'Send inn nominasjonen' }).click();
  await expect(employee.getByRole('heading', { level: 1 })).toHaveText(runnerUp);
  const runnerUpUrl = employee.url();
  // The nominator's edit form starts from what was sent, the named colleague too.
  await employee.getByText('Endre nominasjonen').click();
  await expect(employee.getByLabel('Den nominerte kollegaen (valgfritt)')).toHaveValue('fagvurderer@ideverket.example');
  await expect(employee.getByLabel('Tittel')).toHaveValue(runnerUp);
  await employee.goto(`/pris/nominasjoner`);
  await expect(employee.getByRole('link', { name: winner })).toBeVisible();
  await expectAccessible(employee, nominateUrl);
  // The nominator's own page, with the forms to change and withdraw it.
  await expectAccessible(employee, winnerUrl);
  await expect(employee.getByRole('button', { name: 'Trekk nominasjonen' })).toBeVisible();
  await employeeContext.close();

  // The committee closes the window and shortlists both.
  await page.goto(yearUrl);
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const dates = page.locator('section', { has: page.getByRole('heading', { name: 'Flytt datoene' }) });
  await dates.getByLabel('Nominasjonen stenger').fill(oslo(minutes(-2)));
  await dates.getByRole('button', { name: 'Lagre datoene' }).click();
  await expect(page.locator('dl.facts').first()).toContainText('Juryen vurderer');
  await page.getByRole('link', { name: 'Årets innovasjon' }).first().click();
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const categoryUrl = page.url();
  await page.getByRole('checkbox', { name: winner }).check();
  await page.getByRole('checkbox', { name: runnerUp }).check();
  await page.getByLabel(`Kort begrunnelse: ${winner}`).fill('Kortere kø for alle');
  await page.getByRole('button', { name: 'Lagre finalistene' }).click();
  await expect(page.getByText('Finalistene er lagret.')).toBeVisible();
  // The committee is warned (issue 30): the runner-up names one of the two jurors, so only
  // one may score it.
  const thin = page.locator('.ds-alert', { has: page.getByRole('heading', { name: 'Finalister som få i juryen kan vurdere' }) });
  await expect(thin.getByRole('listitem')).toHaveText([`${runnerUp} – jurymedlemmer som kan vurdere: 1`]);

  // Two jurors score; the reviewer, named as the runner-up's nominee, is recused from it.
  const chairContext = await browser.newContext({ baseURL });
  const chair = await chairContext.newPage();
  await signIn(chair, 'jury@ideverket.example');
  // An empty ballot is refused: the summary takes focus, asks to choose, and its link puts
  // focus on the criterion's first radio button, not on its group (issue 24).
  await chair.goto(winnerUrl);
  await expect(chair.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await chair.getByRole('button', { name: 'Lagre stemmen' }).click();
  const summary = chair.locator('.ds-error-summary');
  await expect(summary).toBeFocused();
  await summary.getByRole('link', { name: 'Nyhetsverdi (vekt 1): Velg et alternativ.' }).click();
  await expect(chair.getByRole('group', { name: 'Nyhetsverdi (vekt 1)' }).getByRole('radio', { name: '1' })).toBeFocused();
  await expect(
    chair.getByRole('group', { name: 'Nyhetsverdi (vekt 1)' }).locator('.ds-validation-message'),
  ).toHaveText('Velg et alternativ.');
  await score(chair, winnerUrl, '5');
  await score(chair, runnerUpUrl, '2');
  await expectAccessible(chair, winnerUrl);
  await chairContext.close();
  const reviewerContext = await browser.newContext({ baseURL });
  const reviewer = await reviewerContext.newPage();
  await signIn(reviewer, 'fagvurderer@ideverket.example');
  await score(reviewer, winnerUrl, '4');
  await reviewer.goto(runnerUpUrl);
  await expect(reviewer.getByText('Du er inhabil og stemmer ikke på denne finalisten: du er nominert.')).toBeVisible();
  await expect(reviewer.getByRole('button', { name: 'Lagre stemmen' })).toHaveCount(0);
  // The named colleague declines to be shown publicly (DESIGN §7).
  await expect(reviewer.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await reviewer.getByRole('button', { name: 'Ikke vis navnet mitt offentlig' }).click();
  await expect(reviewer.getByText('Valget ditt er lagret.')).toBeVisible();
  await expect(reviewer.getByRole('button', { name: 'Vis navnet mitt offentlig igjen' })).toBeVisible();
  // The results are sealed, and the page says why and until when (a 403 with its reason).
  browserErrors.expectStatus(403);
  const sealed = await reviewer.goto(`${yearUrl}/resultater`);
  expect(sealed?.status()).toBe(403);
  await expect(reviewer.getByText(/^Juryen vurderer finalistene til .* Resultatene er forseglet/)).toBeVisible();

  // The committee sees who has voted, not what; closes the jury and publishes.
  await page.goto(categoryUrl);
  await expect(page.getByRole('row', { name: /Per Hansen 1 1 2/ })).toBeVisible();
  await page.goto(yearUrl);
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await dates.getByLabel('Juryens frist').fill(oslo(minutes(-1)));
  await dates.getByRole('button', { name: 'Lagre datoene' }).click();
  await expect(page.locator('dl.facts').first()).toContainText('Resultatet er forseglet');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  // Publishing asks for a confirmation first.
  await page.getByRole('button', { name: 'Offentliggjør resultatene' }).click();
  await expect(page.locator('#publish-confirm-error')).toHaveText('Kryss av for å bekrefte.');
  await page.getByRole('checkbox', { name: /^Jeg bekrefter at resultatene skal offentliggjøres/ }).check();
  await page.getByRole('button', { name: 'Offentliggjør resultatene' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Resultater ${year}`);
  const resultsUrl = page.url();
  const winnerRow = page.getByRole('row', { name: new RegExp(winner) });
  await expect(winnerRow).toContainText('Vinner');
  await expect(winnerRow.getByRole('cell').first()).toHaveText('1');

  // Anyone sees the published results, signed in or not.
  const visitorContext = await browser.newContext({ baseURL });
  const visitor = await visitorContext.newPage();
  await visitor.goto(resultsUrl);
  await expect(visitor.getByRole('row', { name: new RegExp(winner) })).toContainText('Vinner');
  // A visitor finds the year from the menu, reads its finalists, and the runner-up without
  // the name its colleague declined to show, or who nominated it (issue 30).
  await visitor.goto('/');
  await visitor.getByRole('link', { name: 'Innovasjonsprisen', exact: true }).first().click();
  await visitor.getByRole('link', { name: `Innovasjonsprisen ${year}` }).click();
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(`Innovasjonsprisen ${year}`);
  await visitor.getByRole('link', { name: 'Resultater', exact: true }).click();
  await visitor.getByRole('link', { name: runnerUp }).click();
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(runnerUp);
  await expect(visitor.getByText('Navnet vises ikke offentlig')).toBeVisible();
  await expect(visitor.getByText('Nominert av', { exact: true })).toHaveCount(0);
  await expectAccessible(visitor, visitor.url());
  await expectAccessible(visitor, '/pris');
  await visitorContext.close();

  // The ceremony reveals the category, its finalists, then the winner, by the keyboard.
  await page.getByRole('link', { name: 'Seremonimodus' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await expect(page.locator('.ceremony__kicker')).toHaveText('Innovasjonsprisen');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.ceremony__title')).toHaveText('Årets innovasjon');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.ceremony__kicker')).toHaveText('Finalist – Årets innovasjon');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.ceremony__kicker')).toHaveText('Vinner – Årets innovasjon');
  await expect(page.locator('.ceremony__title')).toHaveText(winner);
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('.ceremony__kicker')).toHaveText('Finalist – Årets innovasjon');
  // Without the wasm, the links step through the same slides.
  await expect(page.getByRole('link', { name: 'Neste' })).toHaveAttribute('href', '?steg=4');

  // Every new page passes axe-core.
  for (const path of ['/pris', yearUrl, categoryUrl, '/pris/nominasjoner', winnerUrl, resultsUrl]) {
    await expectAccessible(page, path);
  }
  await expectAccessible(page, `${resultsUrl.replace('/resultater', '/seremoni')}?steg=4`);
  await reviewerContext.close();
});
