// Takes the README's screenshots from a running server (`./run.sh`, demo data):
//   node end2end/screenshots/take.mjs [http://127.0.0.1:3000]
// Debian's Chromium through playwright-core, as the tests use it.
import { chromium } from 'playwright-core';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const out = dirname(fileURLToPath(import.meta.url));
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const hydrated = () => page.waitForSelector('html[data-hydrated="true"]');

await page.goto(`${base}/`);
await hydrated();
await page.screenshot({ path: join(out, 'home.png') });

await page.goto(`${base}/organisasjon`);
await hydrated();
await page.screenshot({ path: join(out, 'organisation.png') });

await page.goto(`${base}/logg-inn`);
await hydrated();
await page.getByLabel('E-postadresse', { exact: true }).fill('admin@ideverket.example');
await page.getByLabel('Passord', { exact: true }).fill('Idéverket-demo-2026');
await page.getByRole('button', { name: 'Logg inn' }).click();
await page.getByRole('banner').getByText('Innlogget som').waitFor();
await page.goto(`${base}/admin/brukere`);
await hydrated();
const form = page.locator('section', { has: page.getByRole('heading', { name: 'Ny bruker' }) });
await form.getByLabel('Navn', { exact: true }).fill('Åse Ærlig');
await form.getByLabel('E-postadresse', { exact: true }).fill('ikke-en-adresse');
await form.getByRole('button', { name: 'Opprett bruker' }).click();
await page.locator('.ds-error-summary').waitFor();
await form.screenshot({ path: join(out, 'form-error.png') });

// Issue 30: the front page as three people meet it, and a project page on a phone.
const signInAs = async (who, context) => {
  const p = await context.newPage();
  await p.goto(`${base}/logg-inn`);
  await p.getByLabel('E-postadresse', { exact: true }).fill(who);
  await p.getByLabel('Passord', { exact: true }).fill('Idéverket-demo-2026');
  await p.getByRole('button', { name: 'Logg inn' }).click();
  await p.getByRole('banner').getByText('Innlogget som').waitFor();
  return p;
};
for (const [who, file] of [
  [null, 'home-visitor.png'],
  ['ansatt@ideverket.example', 'home-employee.png'],
  ['jury@ideverket.example', 'home-juror.png'],
  ['innovasjonsrad@ideverket.example', 'home-council.png'],
]) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const p = who ? await signInAs(who, context) : await context.newPage();
  await p.goto(`${base}/`);
  await p.waitForSelector('html[data-hydrated="true"]');
  await p.screenshot({ path: join(out, file), fullPage: true });
  await context.close();
}
{
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 1 });
  const p = await signInAs('ansatt@ideverket.example', context);
  await p.goto(`${base}/prosjekter/1`);
  await p.waitForSelector('html[data-hydrated="true"]');
  await p.screenshot({ path: join(out, 'project-375.png'), fullPage: true });
  await context.close();
}

await browser.close();
console.log(`screenshots written to ${out}`);
