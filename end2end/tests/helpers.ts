import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, Page } from '@playwright/test';

export const demoPassword = 'Idéverket-demo-2026';
export const wcag21aa = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const landmarkUnique = 'landmark-unique';

export async function signIn(page: Page, email: string, password = demoPassword) {
  await page.goto('/logg-inn');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await page.getByLabel('E-postadresse', { exact: true }).fill(email);
  await page.getByLabel('Passord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expect(page.getByRole('banner')).toContainText('Innlogget som');
}

/** Opens `path` once hydrated and asserts axe-core finds no WCAG 2.1 A/AA violation, nor two
 * landmarks a screen reader cannot tell apart. */
export async function expectAccessible(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // One run of axe-core: WCAG's rules, and one best practice beyond them, that landmarks a
  // screen reader lists by name are told apart (issue 24: a section and its table's scroll box
  // shared one). A rule enabled beside `runOnly` tags runs in addition to them (axe-core's
  // API); two runs injected axe-core into the page twice (issue 27).
  const results = await new AxeBuilder({ page })
    .options({ runOnly: { type: 'tag', values: wcag21aa }, rules: { [landmarkUnique]: { enabled: true } } })
    .analyze();
  expect(
    results.violations.map((v) =>
      v.id === landmarkUnique
        ? `${path} ${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`
        : `${path} ${v.id}: ${v.help} (${v.nodes.length})`,
    ),
  ).toEqual([]);
  expect(results.passes.length).toBeGreaterThan(0);
  // The landmark rule did run: it passed, failed or found no landmark to judge.
  const judged = [...results.passes, ...results.violations, ...results.incomplete, ...results.inapplicable];
  expect(judged.map((r) => r.id)).toContain(landmarkUnique);
}

/** axe-core on the page as it stands now (a form half filled in, a filter typed into). */
export async function expectAccessibleHere(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(wcag21aa).analyze();
  expect(results.violations.map((v) => `${page.url()} ${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

/** An instant as a `datetime-local` field takes it, in Oslo's time (the service's reading). */
export function oslo(at: Date): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Oslo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  })
    .format(at)
    .replace(' ', 'T');
}

/** The instant `n` minutes from now (before, when negative). */
export const minutes = (n: number) => new Date(Date.now() + n * 60_000);

/** One message the tests' SMTP server kept (end2end/smtp/sink.py). */
export type Mail = { from: string; to: string[]; subject: string; body: string };

/** The e-mails to `address` whose subject contains `subject`, waiting up to `timeout` ms for
 * at least one (the server sends pending e-mail every second in the end-to-end run). */
export async function mailTo(address: string, subject: string, timeout = 20_000): Promise<Mail[]> {
  const dir = process.env.E2E_MAIL_DIR ?? `${process.env.E2E_TMP ?? '/tmp'}/e2e-mail`;
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = (existsSync(dir) ? readdirSync(dir) : [])
      .filter((name) => name.endsWith('.json') && !name.startsWith('.'))
      .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Mail)
      .filter((mail) => mail.to.includes(address) && mail.subject.includes(subject));
    if (found.length > 0 || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
