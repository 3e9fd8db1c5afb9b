import { expect, test } from './fixtures';

// The guard in fixtures.ts must be able to fail: these tests provoke the errors it watches for.
// `test.fail()` turns them green only if the guard failed them.

test('a test fails when its page throws an uncaught error', async ({ page }) => {
  test.fail();
  await page.goto('/tilgjengelighet');
  await page.addScriptTag({ content: 'throw new Error("deliberate uncaught error")' });
  // One more round trip, so the error event has reached the test runner.
  expect(await page.evaluate(() => document.title)).not.toBe('');
});

test('a test fails when its page logs a console error', async ({ page }) => {
  test.fail();
  await page.goto('/tilgjengelighet');
  await page.evaluate(() => console.error('deliberate console error'));
  expect(await page.evaluate(() => document.title)).not.toBe('');
});

test('a test fails when a page of a context it opened itself throws', async ({ browser }) => {
  test.fail();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/tilgjengelighet');
  await page.addScriptTag({ content: 'throw new Error("deliberate uncaught error")' });
  expect(await page.evaluate(() => document.title)).not.toBe('');
  await context.close();
});

test('an error the test declares does not fail it', async ({ page, browserErrors }) => {
  browserErrors.expect(/console\.error .*: deliberate console error$/);
  await page.goto('/tilgjengelighet');
  await page.evaluate(() => console.error('deliberate console error'));
  expect(await page.evaluate(() => document.title)).not.toBe('');
});
