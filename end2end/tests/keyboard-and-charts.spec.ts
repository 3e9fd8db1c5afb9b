// What axe-core cannot see (issue 24): the focus ring's contrast where it is drawn, the
// ceremony's keyboard and zoom, chart text at a phone's width, and landmarks of one name.
// Each check measures the page in Chromium; none reads the stylesheet.
import AxeBuilder from '@axe-core/playwright';
import { Page } from '@playwright/test';
import { PNG } from 'pngjs';

import { expect, test } from './fixtures';
import { signIn } from './helpers';

type Rgb = [number, number, number];

/** WCAG's relative luminance of an sRGB colour. */
function luminance([r, g, b]: Rgb): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG's contrast ratio of two colours (1 to 21). */
function contrast(a: Rgb, b: Rgb): number {
  const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
}

const pixel = (png: PNG, x: number, y: number): Rgb => {
  const i = (png.width * y + x) * 4;
  return [png.data[i], png.data[i + 1], png.data[i + 2]];
};

/**
 * The focus indicator of the focused element as drawn: on each side, the pixels in the 8 px
 * outside the element that focus changed by 3:1 or more against the same pixels unfocused.
 * Returns the fewest such pixels on a side against that side's length, in CSS pixels (device
 * scale 1): a ring at least one pixel thick all round has as many as the length.
 */
async function focusRing(page: Page, unfocused: PNG) {
  const box = await page.evaluate(() => {
    const r = document.activeElement!.getBoundingClientRect();
    return { left: Math.floor(r.left), top: Math.floor(r.top), right: Math.ceil(r.right), bottom: Math.ceil(r.bottom) };
  });
  const focused = PNG.sync.read(await page.screenshot());
  const clampX = (x: number) => Math.max(0, Math.min(focused.width, x));
  const clampY = (y: number) => Math.max(0, Math.min(focused.height, y));
  const strong = (x0: number, x1: number, y0: number, y1: number) => {
    let n = 0;
    for (let y = clampY(y0); y < clampY(y1); y++) {
      for (let x = clampX(x0); x < clampX(x1); x++) {
        if (contrast(pixel(focused, x, y), pixel(unfocused, x, y)) >= 3) n++;
      }
    }
    return n;
  };
  const { left, top, right, bottom } = box;
  const sides = [
    { side: 'top', found: strong(left, right, top - 8, top), length: right - left },
    { side: 'bottom', found: strong(left, right, bottom, bottom + 8), length: right - left },
    { side: 'left', found: strong(left - 8, left, top, bottom), length: bottom - top },
    { side: 'right', found: strong(right, right + 8, top, bottom), length: bottom - top },
  ];
  return sides.map((s) => ({ ...s, ratio: s.found / Math.max(1, s.length) }));
}

for (const who of ['signed out', 'admin@ideverket.example']) {
  test(`every control of the header and the menu shows a focus ring of 3:1 against its background (${who})`, async ({
    page,
  }) => {
    if (who !== 'signed out') await signIn(page, who);
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
    // The pointer rests on no control, so no hover style mixes in.
    await page.mouse.move(5, 700);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const unfocused = PNG.sync.read(await page.screenshot());
    const measured: string[] = [];
    for (let stop = 0; stop < 40; stop++) {
      await page.keyboard.press('Tab');
      const where = await page.evaluate(() => {
        const el = document.activeElement!;
        return {
          inHeader: !!el.closest('.site-header'),
          inMain: !!el.closest('main'),
          name: `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}"`,
        };
      });
      if (where.inMain) break;
      if (!where.inHeader) continue;
      measured.push(where.name);
      // At least a one-pixel line of 3:1 or more along every side of the control (a 3 px ring
      // draws about three times that).
      for (const side of await focusRing(page, unfocused)) {
        expect(side.ratio, `${where.name}, ${side.side}: ${side.found} pixels at 3:1 along ${side.length}`).toBeGreaterThanOrEqual(1);
      }
    }
    // The brand link, the language link, the menu's links (and sign in or out).
    expect(measured.length).toBeGreaterThanOrEqual(who === 'signed out' ? 4 : 10);
  });
}

/** The demo's published prize year's ceremony (last year's prize). The admin looks it up: the
 * prize committee's account is deactivated by a test of its own on the same server. */
async function ceremonyUrl(page: Page): Promise<string> {
  await signIn(page, 'admin@ideverket.example');
  await page.goto('/pris');
  const years = await page
    .locator('a[href^="/pris/aar/"]')
    .evaluateAll((links) => [...new Set(links.map((a) => a.getAttribute('href')!))]);
  for (const year of years) {
    await page.goto(year);
    const ceremony = page.locator('a[href$="/seremoni"]');
    if ((await ceremony.count()) > 0) return (await ceremony.first().getAttribute('href'))!;
  }
  throw new Error(`no published year among ${years.join(', ')}`);
}

/** The ceremony's slide count, from "Trinn 1 av N". */
async function slideCount(page: Page): Promise<number> {
  const text = (await page.locator('.ceremony__nav span').textContent()) ?? '';
  return Number(text.match(/av (\d+)/)?.[1]);
}

test('every tab stop of the ceremony is visible, and its keys act only while it has focus', async ({ page }) => {
  const url = await ceremonyUrl(page);
  // Full screen is recorded, not entered (a headless browser refuses it).
  await page.addInitScript(() => {
    (window as unknown as { fullScreens: number }).fullScreens = 0;
    Element.prototype.requestFullscreen = function () {
      (window as unknown as { fullScreens: number }).fullScreens++;
      return Promise.resolve();
    };
  });
  await page.goto(url);
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const ceremony = page.locator('section.ceremony');
  await expect(ceremony).toBeFocused();

  // Tab from the top of the page round to where it started: every stop can be seen.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const stops: string[] = [];
  for (let n = 0; n < 30; n++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
      return {
        name: `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}"`,
        shown: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
        onTop: !!hit && (hit === el || el.contains(hit)),
      };
    });
    if (!stop) break;
    if (stops.includes(stop.name)) break;
    stops.push(stop.name);
    expect(stop.shown, `${stop.name} is in the window`).toBe(true);
    expect(stop.onTop, `${stop.name} is not covered`).toBe(true);
  }
  expect(stops).toEqual([
    'a "Forrige"',
    'a "Neste"',
    'button "Fullskjerm"',
    'a "Avslutt seremonien"',
  ]);

  // Focus outside the ceremony: "F" and the arrows do nothing.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const first = await page.locator('.ceremony__kicker').textContent();
  await page.keyboard.press('f');
  await page.keyboard.press('ArrowRight');
  expect(await page.evaluate(() => (window as unknown as { fullScreens: number }).fullScreens)).toBe(0);
  await expect(page.locator('.ceremony__kicker')).toHaveText(first!);
  // With the ceremony focused (a click on the slide), they step and go full screen.
  await page.locator('.ceremony__title').click();
  await expect(ceremony).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.ceremony__nav span')).toContainText('Trinn 2 av');
  await page.keyboard.press('f');
  expect(await page.evaluate(() => (window as unknown as { fullScreens: number }).fullScreens)).toBe(1);
  // With a modifier the key is the browser's (Ctrl+F searches).
  await page.keyboard.press('Control+f');
  expect(await page.evaluate(() => (window as unknown as { fullScreens: number }).fullScreens)).toBe(1);
});

for (const script of [true, false]) {
  test(`at 400 % zoom (320×256) every part of every slide can be scrolled to (${script ? 'hydrated' : 'no JavaScript'})`, async ({
    browser,
    baseURL,
  }) => {
    const signInPage = await browser.newPage({ baseURL });
    const url = await ceremonyUrl(signInPage);
    const cookies = await signInPage.context().cookies();
    await signInPage.close();
    const context = await browser.newContext({ baseURL, javaScriptEnabled: script, viewport: { width: 320, height: 256 } });
    await context.addCookies(cookies);
    const page = await context.newPage();
    await page.goto(url);
    if (script) await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
    const count = await slideCount(page);
    expect(count).toBeGreaterThan(3);
    for (let step = 0; step < count; step++) {
      await page.goto(`${url}?steg=${step}`);
      // Scrolled to the very top, the slide's first line starts inside the window; scrolled
      // to the bottom, its last control ends inside it; nothing is wider than the window.
      const reach = await page.evaluate(() => {
        const scrollers = [document.scrollingElement!, ...document.querySelectorAll('.ceremony')];
        scrollers.forEach((s) => (s.scrollTop = 0));
        const top = document.querySelector('.ceremony__kicker')!.getBoundingClientRect().top;
        scrollers.forEach((s) => (s.scrollTop = s.scrollHeight));
        const bottom = document.querySelector('.ceremony__keys')!.getBoundingClientRect().bottom;
        return { top, bottom, wide: document.documentElement.scrollWidth, height: innerHeight };
      });
      expect(reach.top, `step ${step}: the top of the slide`).toBeGreaterThanOrEqual(0);
      expect(reach.bottom, `step ${step}: the end of the slide`).toBeLessThanOrEqual(reach.height + 1);
      expect(reach.wide, `step ${step}: no sideways scrolling`).toBeLessThanOrEqual(320);
    }
    await context.close();
  });
}

/** Every chart on the page: each text inside its drawing and at least 12 px where it is shown. */
async function chartText(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('svg.chart__svg')].map((svg) => {
      const frame = svg.getBoundingClientRect();
      const texts = [...svg.querySelectorAll('text')].filter((t) => t.getClientRects().length > 0);
      return {
        chart: svg.querySelector('title')?.textContent ?? '',
        words: texts.map((t) => t.textContent ?? '').join(' | '),
        legend: [...(svg.closest('figure')?.querySelectorAll('.chart__legend li') ?? [])].map((li) => li.textContent!.trim()),
        lines: [...(svg.closest('figure')?.querySelectorAll('.chart__lines li') ?? [])].map((li) => li.textContent!.trim()),
        overlaps: texts.flatMap((a, i) =>
          texts.slice(i + 1).flatMap((b) => {
            const [r, q] = [a.getBoundingClientRect(), b.getBoundingClientRect()];
            const w = Math.min(r.right, q.right) - Math.max(r.left, q.left);
            const h = Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top);
            return w > 1 && h > 1 ? [`"${a.textContent}" overlaps "${b.textContent}"`] : [];
          }),
        ),
        problems: texts.flatMap((t) => {
          const r = t.getBoundingClientRect();
          const px = parseFloat(getComputedStyle(t).fontSize) * (t.getScreenCTM()?.a ?? 0);
          const out: string[] = [];
          if (r.left < frame.left - 0.5 || r.right > frame.right + 0.5 || r.top < frame.top - 0.5 || r.bottom > frame.bottom + 0.5) {
            out.push(`"${t.textContent}" is cut (${Math.round(r.left - frame.left)}..${Math.round(r.right - frame.left)} of ${Math.round(frame.width)})`);
          }
          if (px < 12) out.push(`"${t.textContent}" is ${px.toFixed(1)} px`);
          return out;
        }),
      };
    }),
  );
}

test('chart text is never cut and never under 12 px, at 320, 768 and 1280 px', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, 'admin@ideverket.example');
  // Projects with measured benefits, from the portfolio's list.
  await page.goto('/portefolje');
  const projects = await page.locator('a[href^="/prosjekter/"]').evaluateAll((links) =>
    [...new Set(links.map((a) => a.getAttribute('href')!))].slice(0, 5),
  );
  expect(projects.length).toBeGreaterThan(0);
  const pages = ['/portefolje', '/lup', ...projects];
  let charts = 0;
  let twoSeries = 0;
  let namedLines = 0;
  let projectCharts = 0;
  for (const width of [320, 768, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    for (const path of pages) {
      await page.goto(path);
      for (const chart of await chartText(page)) {
        charts++;
        expect(chart.problems, `${path} at ${width} px: ${chart.chart}`).toEqual([]);
        expect(chart.overlaps, `${path} at ${width} px: ${chart.chart}`).toEqual([]);
        if (path.startsWith('/prosjekter/')) projectCharts++;
        // Two series are told apart by words on the chart, not by colour alone.
        if (chart.legend.length > 1) {
          twoSeries++;
          for (const series of chart.legend) expect(chart.words, `${path}: ${chart.chart}`).toContain(`${series}:`);
        }
        // A chart names its dashed lines in words, not by their dashes alone: a benefit's
        // baseline and target (issue 30), the LUP target and its forecast (issue 32).
        if (chart.lines.length > 0) {
          namedLines++;
          expect(chart.lines.some((l) => l.startsWith('Mål:')), `${path}: ${chart.chart}`).toBe(true);
          if (path.startsWith('/prosjekter/')) {
            expect(chart.lines.some((l) => l.startsWith('Nullpunkt:')), `${path}: ${chart.chart}`).toBe(true);
          } else {
            expect(chart.lines, `${path}: ${chart.chart}`).toContain('Prognose med dagens tempo');
          }
        }
      }
    }
  }
  expect(charts).toBeGreaterThanOrEqual(3 * 4);
  // Two series on one bar chart (the LUP dashboard, the portfolio's phases) or a benefit's
  // named baseline and target lines were among them.
  expect(twoSeries + namedLines).toBeGreaterThan(0);
  expect(namedLines).toBeGreaterThan(0);
  // The project pages' benefit charts (one per measured benefit, each on its own scale) were
  // among them.
  expect(projectCharts).toBeGreaterThanOrEqual(3);
});

test('no two landmarks of a page share a name (axe-core landmark-unique)', async ({ page }) => {
  await signIn(page, 'admin@ideverket.example');
  await page.goto('/lup/kull');
  await page.locator('a[href^="/lup/kull/"]').first().click();
  const group = await page.locator('a[href^="/lup/grupper/"]').first().getAttribute('href');
  for (const path of ['/lup', '/portefolje', group!, '/pris', '/admin/brukere']) {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).withRules(['landmark-unique']).analyze();
    expect(results.violations.map((v) => `${path} ${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
  }
});
