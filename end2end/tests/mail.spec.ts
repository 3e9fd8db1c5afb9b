import { expect, test } from './fixtures';
import { expectAccessible, signIn } from './helpers';

// Issue 30: each person chooses which notifications they also get by e-mail, on /varsler.
// The editor, whom no other test of this server notifies.
test('a person chooses which notifications they get by e-mail, and the choice is kept', async ({ page }) => {
  await signIn(page, 'redaktor@ideverket.example');
  await page.goto('/varsler');
  const section = page.locator('section', { has: page.getByRole('heading', { name: 'Varsler på e-post' }) });
  await expect(section.getByText('Kryss av for dem du også vil få på e-post.')).toBeVisible();
  const decisions = section.getByLabel('Vedtak om ideene mine');
  const reminders = section.getByLabel('Påminnelse om gevinster som skal måles');
  await expect(decisions).toBeChecked();
  await expect(reminders).toBeChecked();
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await decisions.uncheck();
  await section.getByRole('button', { name: 'Lagre valgene' }).click();
  await expect(section.getByText('Valgene for e-post er lagret.')).toBeVisible();
  await page.reload();
  await expect(section.getByLabel('Vedtak om ideene mine')).not.toBeChecked();
  await expect(section.getByLabel('Påminnelse om gevinster som skal måles')).toBeChecked();
  await expectAccessible(page, '/varsler');

  // Without the WebAssembly the form is a plain form that posts and comes back.
  const plain = await page.context().browser()!.newContext({ javaScriptEnabled: false, baseURL: page.url() });
  const noScript = await plain.newPage();
  await noScript.context().addCookies(await page.context().cookies());
  await noScript.goto('/varsler');
  const plainSection = noScript.locator('section', {
    has: noScript.getByRole('heading', { name: 'Varsler på e-post' }),
  });
  await plainSection.getByLabel('Vedtak om ideene mine').check();
  await plainSection.getByRole('button', { name: 'Lagre valgene' }).click();
  await expect(plainSection.getByText('Valgene for e-post er lagret.')).toBeVisible();
  await expect(plainSection.getByLabel('Vedtak om ideene mine')).toBeChecked();
  await plain.close();
});
