import { test as base, expect, BrowserContext, Page } from '@playwright/test';

/**
 * Lets a test name the console errors it causes on purpose. Each pattern is matched against
 * `"<kind> <page url> [<resource url>]: <message>"`.
 */
export type BrowserErrors = {
  expect(pattern: RegExp): void;
  /**
   * The test provokes an HTTP refusal on purpose (a form refused with 422, a page answered
   * 403): Chromium logs every 4xx/5xx response as "Failed to load resource".
   */
  expectStatus(status: number): void;
};

/**
 * `test` for every spec: it fails on any uncaught page error (`pageerror`) or `console.error`
 * in any page of the test, including pages of contexts the test opens itself
 * (`browser.newContext()`), unless the test declared that error with `browserErrors.expect`.
 * A broken bundle (a wasm that throws while loading, a hydration panic) fails every test,
 * not only the ones that look for the hydration marker.
 */
export const test = base.extend<{ browserErrors: BrowserErrors }>({
  browserErrors: [
    async ({ browser, context }, use) => {
      const seen: string[] = [];
      const expected: RegExp[] = [];
      const watchPage = (page: Page) => {
        page.on('pageerror', (error) => seen.push(`pageerror ${page.url()}: ${error.message}`));
        page.on('console', (message) => {
          if (message.type() !== 'error') return;
          const source = message.location().url;
          const from = source && source !== page.url() ? ` [${source}]` : '';
          seen.push(`console.error ${page.url()}${from}: ${message.text()}`);
        });
      };
      const watchContext = (ctx: BrowserContext) => {
        ctx.pages().forEach(watchPage);
        ctx.on('page', watchPage);
      };
      watchContext(context);
      const newContext = browser.newContext;
      browser.newContext = async (...args: Parameters<typeof newContext>) => {
        const ctx = await newContext.apply(browser, args);
        watchContext(ctx);
        return ctx;
      };
      try {
        await use({
          expect: (pattern) => expected.push(pattern),
          expectStatus: (status) =>
            expected.push(new RegExp(`: Failed to load resource: the server responded with a status of ${status} `)),
        });
      } finally {
        browser.newContext = newContext;
      }
      const unexpected = seen.filter((line) => !expected.some((pattern) => pattern.test(line)));
      expect(unexpected, 'uncaught page errors and console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
