import { chromium } from 'playwright-core';
const [,, email, ...paths] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const page = await browser.newPage({ baseURL: 'http://127.0.0.1:3999' });
page.on('console', (m) => { if (m.type() === 'error') console.log('CONSOLE', m.text()); });
if (email !== '-') {
  await page.goto('/logg-inn');
  await page.waitForSelector('html[data-hydrated="true"]');
  await page.getByLabel('E-postadresse', { exact: true }).fill(email);
  await page.getByLabel('Passord', { exact: true }).fill('Idéverket-demo-2026');
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.waitForTimeout(1500);
}
for (const p of paths) {
  const r = await page.goto(p);
  await page.waitForTimeout(500);
  console.log('=====', p, r.status());
  console.log((await page.locator('main').innerText()).slice(0, 1500));
}
await browser.close();
