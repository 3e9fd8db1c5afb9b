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

await browser.close();
console.log(`screenshots written to ${out}`);
