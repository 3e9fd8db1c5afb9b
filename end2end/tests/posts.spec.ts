import { Page } from '@playwright/test';

import { expect, test } from './fixtures';
import { expectAccessible, signIn } from './helpers';

// Tanketanken (issue 29): an employee writes and publishes an internal post linked to a
// project; an editor makes it public; a signed-out reader sees it and the feed lists it; a
// hidden comment disappears for readers. axe-core on every new page.

async function hydrated(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
}

test('an employee writes a post, an editor makes it public, a visitor reads it and its feed, a hidden comment is gone for readers', async ({
  page,
  browser,
  baseURL,
  browserErrors,
}) => {
  test.setTimeout(300_000);
  // One refusal on purpose: a post without a title.
  browserErrors.expectStatus(422);
  const title = `Selvinnsjekk på legevakten ${Date.now()}`;
  const as = async (email?: string) => {
    const context = await browser.newContext({ baseURL });
    const other = await context.newPage();
    if (email) await signIn(other, email);
    return other;
  };

  // The employee writes: refused without a title (the input kept), then saved as a draft.
  await signIn(page, 'ansatt@ideverket.example');
  await page.goto('/tanketanken');
  await page.getByRole('link', { name: 'Skriv et innlegg' }).first().click();
  await hydrated(page);
  await page.getByLabel(/^Ingress/).fill('Køen ble kortere da vi lot folk sjekke inn selv.');
  await page
    .getByLabel(/^Tekst/)
    .fill('## Hva vi gjorde\n\nVi satte opp en **skjerm**.\n\n<script>alert(1)</script>\n\n[lenke](javascript:alert(1))');
  await page.getByLabel(/^Emneord/).fill('selvbetjening, legevakt');
  await page.getByLabel(/^Prosjekter/).fill('1');
  await page.getByRole('button', { name: 'Lagre utkast' }).click();
  await expect(page.getByText('Fyll ut feltet.').first()).toBeVisible();
  await expect(page.getByLabel(/^Ingress/)).toHaveValue('Køen ble kortere da vi lot folk sjekke inn selv.');
  await page.getByLabel('Tittel', { exact: true }).fill(title);
  await page.getByRole('button', { name: 'Lagre utkast' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByText('Innlegget er lagret.')).toBeVisible();
  const postUrl = new URL(page.url()).pathname;
  // The Markdown is rendered; the script and the javascript: link are not.
  await expect(page.locator('.post-body h3')).toHaveText('Hva vi gjorde');
  await expect(page.locator('.post-body script')).toHaveCount(0);
  await expect(page.locator('.post-body a[href^="javascript"]')).toHaveCount(0);
  await expect(page.getByText('En redaktør må godkjenne innlegget før det blir offentlig.')).toBeVisible();
  await page.getByRole('button', { name: 'Publiser internt' }).click();
  await expect(page.locator('article.post .meta')).toContainText('Internt');
  await expect(page.getByRole('button', { name: 'Publiser internt' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Knyttet til' })).toBeVisible();
  await expectAccessible(page, postUrl);
  await expectAccessible(page, `${postUrl}/endre`);
  await expectAccessible(page, '/tanketanken/ny');
  await expectAccessible(page, '/tanketanken');

  // The project page lists it.
  await page.goto(postUrl);
  const projectHref = await page.locator('section[aria-labelledby="links-heading"] a').first().getAttribute('href');
  expect(projectHref).toBe('/prosjekter/1');
  await page.goto('/prosjekter/1');
  await expect(page.getByRole('heading', { name: 'Innlegg om prosjektet' })).toBeVisible();
  await expect(page.getByRole('link', { name: title })).toBeVisible();

  // A visitor does not see an internal post, nor does the feed list it.
  const visitor = await as();
  browserErrors.expectStatus(404);
  const hidden = await visitor.goto(postUrl);
  expect(hidden?.status()).toBe(404);
  expect(await (await visitor.request.get('/feed.atom')).text()).not.toContain(title);

  // The editor makes it public.
  const editor = await as('redaktor@ideverket.example');
  await editor.goto(postUrl);
  await hydrated(editor);
  await editor.getByRole('button', { name: 'Publiser offentlig' }).click();
  // Wait for the answer, not for text that was there before it ("Publiser offentlig"
  // itself matched, and the visitor then read the post while it was still internal).
  await expect(editor.getByRole('button', { name: 'Publiser offentlig' })).toHaveCount(0);
  await expect(editor.locator('article.post .meta')).toContainText('Offentlig');

  // The visitor reads it, with its link preview, and the feeds list it.
  await visitor.goto(postUrl);
  await expect(visitor.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(visitor.locator('meta[property="og:title"]')).toHaveAttribute('content', title);
  await expect(visitor.getByRole('heading', { name: 'Kommentarer' })).toHaveCount(0);
  const atom = await visitor.request.get('/feed.atom');
  expect(atom.headers()['content-type']).toContain('application/atom+xml');
  expect(await atom.text()).toContain(title);
  expect(await (await visitor.request.get('/feed.rss')).text()).toContain(title);
  await visitor.goto('/tanketanken');
  await expect(visitor.getByRole('link', { name: title })).toBeVisible();
  await expectAccessible(visitor, postUrl);

  // A colleague comments; the editor hides the comment with a reason; readers no longer see it.
  const colleague = await as('fagvurderer@ideverket.example');
  await colleague.goto(postUrl);
  await hydrated(colleague);
  const rude = `Dette er tull ${Date.now()}`;
  await colleague.getByLabel('Din kommentar').fill(rude);
  await colleague.getByRole('button', { name: 'Send kommentar' }).click();
  await expect(colleague.getByText(rude)).toBeVisible();
  await editor.goto(postUrl);
  await hydrated(editor);
  const comment = editor.locator('li', { hasText: rude });
  await comment.getByLabel('Begrunnelse').fill('Skriv om saken, ikke om personer.');
  await comment.getByRole('button', { name: 'Skjul kommentaren' }).click();
  await expect(editor.getByText('Kommentaren er skjult for leserne.')).toBeVisible();
  const reader = await as('innovasjonsrad@ideverket.example');
  await reader.goto(postUrl);
  await expect(reader.getByRole('heading', { name: 'Kommentarer' })).toBeVisible();
  await expect(reader.getByText(rude)).toHaveCount(0);
  // Its author sees why.
  await colleague.goto(postUrl);
  await expect(colleague.getByText('Skriv om saken, ikke om personer.')).toBeVisible();
  // A reaction.
  await reader.getByRole('button', { name: 'Liker (0)' }).click();
  await expect(reader.getByRole('button', { name: /^Liker \(1\) – din reaksjon/ })).toBeVisible();
  await expectAccessible(reader, postUrl);
});
