import { expect, test } from './fixtures';
import { expectAccessible, signIn } from './helpers';

// Issue 30: a search across the strands (`/sok`) and a front page per person.

test('an employee searches every strand from the header, and the address can be shared', async ({ page }) => {
  await signIn(page, 'admin@ideverket.example');
  await page.goto('/');
  // The front page holds the person's tasks: the admin may assess the demo's new ideas.
  const tasks = page.locator('section', { has: page.getByRole('heading', { name: 'Mine oppgaver' }) });
  await expect(tasks.getByRole('heading', { name: 'Ideer som venter på vurdering' })).toBeVisible();
  await expect(tasks.getByRole('link').first()).toHaveAttribute('href', /^\/ideer\/\d+$/);

  await page.getByRole('link', { name: 'Søk', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Søk i Idéverket');
  await page.getByLabel('Søk etter prosjekter, ideer, innlegg, søknader og nominasjoner').fill('innsjekk');
  await page.getByRole('button', { name: 'Søk', exact: true }).click();
  await expect(page).toHaveURL(/\/sok\?q=innsjekk$/);
  await expect(page.getByRole('status')).toHaveText(/^\d+ treff\.$/);
  const projects = page.locator('section', { has: page.getByRole('heading', { name: 'Prosjekter' }) });
  await expect(projects.getByRole('link', { name: /innsjekk/i }).first()).toBeVisible();
  const nominations = page.locator('section', {
    has: page.getByRole('heading', { name: 'Nominasjoner til innovasjonsprisen' }),
  });
  await expect(nominations.getByRole('link', { name: /innsjekk/i }).first()).toBeVisible();
  // A part of a word finds the same.
  await page.goto('/sok?q=nsjek');
  await expect(projects.getByRole('link', { name: /innsjekk/i }).first()).toBeVisible();
  await expectAccessible(page, '/sok?q=innsjekk');
  await expectAccessible(page, '/');
});

test('a visitor searches without JavaScript and finds no internal project, idea or application', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/sok');
  await page.getByLabel('Søk etter prosjekter, ideer, innlegg, søknader og nominasjoner').fill('innsjekk');
  await page.getByRole('button', { name: 'Søk', exact: true }).click();
  await expect(page).toHaveURL(/\/sok\?q=innsjekk$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Søk i Idéverket');
  for (const heading of ['Prosjekter', 'Ideer', 'Søknader til fondet']) {
    await expect(page.getByRole('heading', { name: heading })).toHaveCount(0);
  }
  await expect(page.getByLabel('Søk etter prosjekter, ideer, innlegg, søknader og nominasjoner')).toHaveValue('innsjekk');
  await context.close();
});
