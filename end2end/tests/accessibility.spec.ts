import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';

// Every page that exists, in both languages; the last one is the 404 page.
const pages = ['/', '/organisasjon', '/tilgjengelighet', '/logg-inn', '/api-dokumentasjon', '/pris', '/sok?q=innsjekk', '/finnes-ikke'];
const wcag21aa = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

for (const lang of ['nb', 'en']) {
  for (const path of pages) {
    test(`axe-core finds no WCAG 2.1 A/AA violations on ${path} (${lang})`, async ({ page, context, baseURL, browserErrors }) => {
      // The last page answers 404 on purpose.
      if (path === '/finnes-ikke') browserErrors.expectStatus(404);
      await context.addCookies([{ name: 'ideverket_lang', value: lang, url: baseURL! }]);
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
      await expect(page.locator('html')).toHaveAttribute('lang', lang);

      const results = await new AxeBuilder({ page }).withTags(wcag21aa).analyze();

      expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
      expect(results.passes.length).toBeGreaterThan(0);
    });
  }
}
