import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WellnessPolicy, WellnessPolicyContent } from '../../electron/api';
import { createTestPlatform, type TestPlatform } from '../../electron/core/platform/testing';
import { launchChromium } from './support/chromium';
import { repoRoot, screenshotDir, startApp, type RunningApp } from './support/app';
import { boxesOf, byText, clashes, middle, painted, right, spread } from './support/layout';

/**
 * The wellness lead and the moderator in the real renderer against the real core in browser mode:
 * the lead reads the team's exposure, edits the policy, previews its effect and saves it, and a
 * moderator's workstation enforces the new version after a sync; a moderator's shift (on a clock
 * the test moves) nears and reaches a clear-view limit, gets the break screen, and resumes after
 * the break.
 */
const byTestId = (id: string) => `[data-testid="${id}"]`;
const axeSource = readFileSync(path.join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');

async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.evaluate(`${axeSource};0`);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }
    ).axe;
    return (await axe.run()).violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.targets.join(', ')}`);
}

/** An API call from the page, as the renderer makes it, for what the renderer does on its own later (a delta pull). */
function callFromPage<T>(page: Page, name: string, input: unknown = {}): Promise<T> {
  return page.evaluate(
    async ({ name: call, input: body }) => {
      const token = sessionStorage.getItem('workstation.token');
      const res = await fetch(`/api/${call}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await res.json()) as T;
    },
    { name, input },
  );
}

/** The window sizes people work at: the first is the size each page opens at, and where it returns. */
const SIZES = [
  { width: 1400, height: 1000 },
  { width: 1280, height: 720 },
] as const;

/** At each window size: `check` the layout, then take the screenshot (the first size's without a suffix). */
async function atEachSize(page: Page, name: string, check: () => Promise<void>): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await painted(page);
    await check();
    await page.screenshot({ path: path.join(screenshotDir, size === SIZES[0] ? `${name}.png` : `${name}-${size.width}x${size.height}.png`) });
  }
  await page.setViewportSize(SIZES[0]);
}

/** The right edges of the words in each cell of a table's column (1-based), header included: equal when the figures line up. */
const columnEdges = async (page: Page, table: string, column: number) =>
  (await boxesOf(page, `${table} tr > :nth-child(${column})`, 'text')).map(right);

async function signIn(page: Page, username: string): Promise<void> {
  await page.locator(byTestId(`demo-account-${username}`)).click();
  await page.locator(byTestId('signed-in-account')).waitFor();
}

/** Approves items by keyboard until one with an image is on screen. */
async function untilImageItem(page: Page): Promise<void> {
  for (let i = 0; i < 20; i += 1) {
    await page.waitForFunction(() => document.querySelector('[data-testid="decision-bar"]')?.getAttribute('data-mode') !== 'analysing');
    if ((await page.locator(byTestId('preview-image')).count()) > 0) return;
    const mode = await page.locator(byTestId('decision-bar')).getAttribute('data-mode');
    const before = await page.locator(byTestId('item-detail')).getAttribute('data-item-id');
    if (mode === 'childSafety') {
      await page.keyboard.press('s');
      await page.locator(byTestId('hand-back')).waitFor();
      await page.keyboard.type('Hash match; for a specialist.');
      await page.keyboard.press('Control+Enter');
    } else await page.keyboard.press('a');
    await page.waitForFunction((prev) => document.querySelector('[data-testid="item-detail"]')?.getAttribute('data-item-id') !== prev, before);
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="preview-pending"]') === null && document.querySelector('[data-testid="preview-placeholder"]') === null,
    );
  }
  throw new Error('no item with an image came up');
}

describe('the wellness lead edits the policy and a moderator’s workstation enforces it', () => {
  let lead: RunningApp;
  let moderator: RunningApp;
  let browser: Browser;
  let leadPage: Page;
  let modPage: Page;

  beforeAll(async () => {
    lead = await startApp({ size: 30 });
    moderator = await startApp({ upstream: lead.upstream });
    browser = await launchChromium();
    leadPage = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    modPage = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await leadPage.goto(lead.host.launchUrl);
    await modPage.goto(moderator.host.launchUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await moderator?.stop();
    await lead?.stop();
  });

  test('the lead’s screen shows the team’s real exposure as charts, with tables and caps hit', async () => {
    await signIn(leadPage, 'wellness1');
    const team = leadPage.locator(byTestId('team-exposure'));
    await team.locator(byTestId('team-summary')).waitFor();
    expect(await team.locator(byTestId('team-summary')).textContent()).toMatch(
      /^5 moderators over \d+ days: \d+ breaks taken, \d+ limits reached\.$/,
    );
    // Recharts drew bars from the demo aggregates, not an empty frame.
    await leadPage.waitForFunction(() => document.querySelectorAll('[data-testid="chart-exposure"] .recharts-bar-rectangle').length > 20);
    expect(await leadPage.locator(`${byTestId('chart-work')} .recharts-line`).count()).toBe(2);
    expect(await team.locator(byTestId('caps-hit')).textContent()).toMatch(/Review time per day: \d+ times/);
    // Tabs that read as tabs: the selected one stands out from the other.
    const tabLook = (id: string) =>
      leadPage.locator(byTestId(id)).evaluate((el) => ({ background: getComputedStyle(el).backgroundColor, marker: getComputedStyle(el).boxShadow }));
    const [selected, other] = [await tabLook('tab-team'), await tabLook('tab-policy')];
    expect(selected.background).not.toBe(other.background);
    expect(selected.marker).not.toBe('none');
    // No tooltip over the chart in the screenshot.
    await leadPage.mouse.move(0, 0);
    await atEachSize(leadPage, 'wellness-lead-team', async () => {
      // The period, its presets and the export on one compact row.
      const period = await boxesOf(leadPage, ['period-from', 'period-to', 'period-7', 'period-28', 'export-csv'].map(byTestId).join(', '));
      expect(period).toHaveLength(5);
      expect(spread(period.map(middle))).toBeLessThan(2);
      // Every legend entry readable: none over another, none over the day labels.
      const legend = await boxesOf(leadPage, `${byTestId('chart-exposure')} .recharts-legend-item`);
      expect(legend.length).toBeGreaterThan(5);
      const days = await boxesOf(leadPage, `${byTestId('chart-exposure')} .recharts-xAxis .recharts-cartesian-axis-tick-value`);
      expect(clashes({ ...byText(legend), ...byText(days) })).toEqual([]);
    });
    expect(await seriousAxeViolations(leadPage)).toEqual([]);
  });

  test('the moderator works under version 1: colour is a step away', async () => {
    await signIn(modPage, 'mod1');
    await modPage.locator(byTestId('queue-empty')).waitFor();
    await modPage.keyboard.press('p');
    await modPage.locator(byTestId('item-detail')).waitFor();
    await untilImageItem(modPage);
    await modPage.keyboard.press('g');
    await modPage.waitForFunction(() => document.querySelector('[data-testid="preview-image"]')?.getAttribute('data-grayscale') === 'false');
    await modPage.keyboard.press('g');
    await modPage.waitForFunction(() => document.querySelector('[data-testid="preview-image"]')?.getAttribute('data-grayscale') === 'true');
  });

  test('the lead’s bad value is named on its field; the draft’s effect on last week is previewed; it is saved as version 2', async () => {
    await leadPage.keyboard.press('Tab');
    const teamTab = leadPage.locator(byTestId('tab-team'));
    await teamTab.focus();
    await leadPage.keyboard.press('ArrowRight');
    const editor = leadPage.locator(byTestId('policy-editor'));
    await editor.waitFor();
    const field = (p: string) => editor.locator(`input[data-field="${p}"], select[data-field="${p}"]`);
    await field('limits.default.breakMinutes').fill('1800');
    await leadPage.locator(byTestId('policy-save')).click();
    const error = editor.locator(`${byTestId('field-error')}[data-field="limits.default.breakMinutes"]`);
    await error.waitFor();
    expect(await error.textContent()).toBe('must be at most 120 minutes');
    expect(await leadPage.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.field)).toBe('limits.default.breakMinutes');
    await atEachSize(leadPage, 'wellness-policy-error', async () => {
      await field('limits.default.breakMinutes').scrollIntoViewIfNeeded();
      // Only the pane scrolls to the field: the window and its header stay put.
      expect(await leadPage.evaluate(() => document.scrollingElement?.scrollTop)).toBe(0);
      // The message right under its field; the limits' inputs level in their row, whatever their labels' length.
      const [input] = await boxesOf(leadPage, 'input[data-field="limits.default.breakMinutes"]');
      const [message] = await boxesOf(leadPage, `${byTestId('field-error')}[data-field="limits.default.breakMinutes"]`);
      expect(message!.y).toBeGreaterThanOrEqual(input!.y + input!.height);
      expect(Math.abs(message!.x - input!.x)).toBeLessThan(1);
      const firstRow = await boxesOf(
        leadPage,
        ['dailyReviewMinutes', 'breakAfterMinutes', 'breakAfterHighSeverityItems', 'breakMinutes']
          .map((k) => `input[data-field="limits.default.${k}"]`)
          .join(', '),
      );
      expect(spread(firstRow.map((b) => b.y))).toBeLessThan(1);
      // Each harm category's name level with its two inputs.
      const names = await boxesOf(leadPage, '#policy-limits-default-clearViewSeconds tbody th', 'text');
      const perHour = await boxesOf(leadPage, '#policy-limits-default-clearViewSeconds tbody td:nth-of-type(1) input');
      expect(names.length).toBeGreaterThan(5);
      names.forEach((name, i) => expect(Math.abs(middle(name) - middle(perHour[i]!)), name.text).toBeLessThan(3));
    });

    await field('limits.default.breakMinutes').fill('10');
    await field('limits.default.breakAfterMinutes').fill('30');
    await field('limits.default.dailyReviewMinutes').fill('180');
    await field('viewing.S1.grayscale').selectOption('locked');
    await leadPage.locator(byTestId('policy-preview-run')).click();
    const summary = leadPage.locator(byTestId('policy-preview-summary'));
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(/^\d+ breaks more, \d+ shifts capped more$/);
    await atEachSize(leadPage, 'wellness-policy-preview', async () => {
      await leadPage.locator(byTestId('policy-preview')).scrollIntoViewIfNeeded();
      // The figures of both versions right-aligned under their headers.
      for (const column of [2, 3]) expect(spread(await columnEdges(leadPage, byTestId('policy-preview-budgets'), column))).toBeLessThan(1);
    });
    expect(await seriousAxeViolations(leadPage)).toEqual([]);

    await leadPage.locator(byTestId('policy-save')).click();
    await leadPage.locator(byTestId('policy-saved')).waitFor();
    expect(await leadPage.locator(byTestId('policy-saved')).textContent()).toBe('Saved as version 2.');
    const [stored] = await lead.upstream.db.query<{ version: number }>('SELECT max(version) AS version FROM wellness_policy_versions');
    expect(stored!.version).toBe(2);
  });

  test('after a sync the moderator’s workstation refuses colour, and says why', async () => {
    await callFromPage(modPage, 'sync.now');
    expect((await callFromPage<{ policyVersion: number }>(modPage, 'wellness.status')).policyVersion).toBe(2);
    await modPage.keyboard.press('g');
    const problem = modPage.locator(byTestId('viewing-problem'));
    await problem.waitFor();
    expect(await problem.textContent()).toBe(
      'Not shown: Colour is not available for Image no signal flagged (S1): the wellness policy keeps these images grayscale.',
    );
    expect(await modPage.locator(byTestId('preview-image')).first().getAttribute('data-grayscale')).toBe('true');
  });
});

describe('a moderator’s shift reaches a limit and takes a break', () => {
  let app: RunningApp;
  let platform: TestPlatform;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startApp({
      size: 30,
      platform: (dataDir, log) => {
        platform = createTestPlatform(dataDir);
        platform.log = log;
        platform.setNow(Date.now());
        return platform;
      },
    });
    // The lead's policy for this shift: a tight clear-view limit and a break after five minutes.
    const login = (await (
      await fetch(`${app.upstream.url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'wellness1', password: 'demo' }),
      })
    ).json()) as { token: string };
    const auth = { authorization: `Bearer ${login.token}`, 'content-type': 'application/json' };
    const { version, ...current } = (await (await fetch(`${app.upstream.url}/wellness/policy`, { headers: auth })).json()) as WellnessPolicy;
    const policy: WellnessPolicyContent = {
      ...current,
      limits: {
        ...current.limits,
        default: {
          ...current.limits.default,
          breakAfterMinutes: 5,
          breakMinutes: 2,
          clearViewSeconds: { ...current.limits.default.clearViewSeconds, unflagged_image: { perHour: 20, perShift: 60 } },
        },
      },
    };
    expect(
      (await fetch(`${app.upstream.url}/wellness/policy`, { method: 'POST', headers: auth, body: JSON.stringify({ baseVersion: version, policy }) }))
        .status,
    ).toBe(200);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(app.host.launchUrl);
    await signIn(page, 'mod1');
    await page.locator(byTestId('queue-empty')).waitFor();
    await page.keyboard.press('p');
    await page.locator(byTestId('item-detail')).waitFor();
    await untilImageItem(page);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  /** Holds Space for `seconds` of the workstation's clock. */
  async function hold(seconds: number): Promise<void> {
    await page.keyboard.down(' ');
    await page.locator(byTestId('preview-clear')).first().waitFor();
    platform.advance(seconds * 1000);
    await page.keyboard.up(' ');
    await page.locator(byTestId('preview-clear')).first().waitFor({ state: 'detached' });
  }

  test('a notice warns at 80% of the hourly clear-view time', async () => {
    await hold(17);
    const notice = page.locator(byTestId('wellness-notice'));
    await notice.waitFor();
    expect(await notice.getAttribute('data-state')).toBe('warning');
    expect(await notice.textContent()).toContain('Close to a limit: Clear view of Image no signal flagged this hour: 17 of 20 s.');
    await atEachSize(page, 'wellness-warning', async () => {
      const [banner] = await boxesOf(page, byTestId('wellness-notice'));
      const [item] = await boxesOf(page, byTestId('item-detail'));
      expect(clashes({ banner: banner!, item: item! })).toEqual([]);
    });
  });

  test('at the limit the notice says so, and holding Space shows nothing but core’s reason', async () => {
    await hold(5);
    await page.locator(`${byTestId('wellness-notice')}[data-state="capped"]`).waitFor();
    expect(await page.locator(byTestId('wellness-notice')).textContent()).toContain(
      'Clear view of Image no signal flagged this hour: limit reached.',
    );
    await page.keyboard.down(' ');
    const problem = page.locator(byTestId('viewing-problem'));
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(/^Not shown: Reveal refused: The clear-view limit is reached/);
    await page.keyboard.up(' ');
    expect(await page.locator(byTestId('preview-clear')).count()).toBe(0);
  });

  test('W shows today’s exposure against each limit', async () => {
    await page.keyboard.press('w');
    const panel = page.locator(byTestId('wellness-panel'));
    await panel.waitFor();
    await panel.locator(`${byTestId('wellness-meter')}[data-kind="clear_per_hour"][data-state="reached"]`).waitFor();
    expect(await panel.locator(byTestId('exposure-categories')).textContent()).toContain('Image no signal flagged');
    expect(await panel.locator(`${byTestId('wellness-meter')}[data-kind="clear_per_hour"] ${byTestId('meter-state')}`).textContent()).toBe(
      'limit reached',
    );
    const inPanel = (selector: string) => `${byTestId('wellness-panel')} ${selector}`;
    await atEachSize(page, 'wellness-moderator-view', async () => {
      // The limits as a grid: every meter starts where the others do, every figure ends where the others do, nothing in a row overlaps.
      expect(spread((await boxesOf(page, inPanel('meter'))).map((b) => b.x))).toBeLessThan(1);
      expect(spread((await boxesOf(page, inPanel(byTestId('meter-amount')), 'text')).map(right))).toBeLessThan(1);
      const rows = await panel.locator(byTestId('wellness-meter')).count();
      for (let row = 1; row <= rows; row += 1)
        expect(clashes(byText(await boxesOf(page, inPanel(`${byTestId('wellness-meter')}:nth-child(${row}) > *`))))).toEqual([]);
      // Figures right-aligned under their headers: seconds on screen, clear, weighted, items.
      for (const column of [3, 4, 5, 6]) expect(spread(await columnEdges(page, inPanel(byTestId('exposure-categories')), column))).toBeLessThan(1);
      // The check-in's five choices on one row, each radio just before its words.
      const radios = await boxesOf(page, inPanel('input[name="mood"]'));
      const words = await boxesOf(page, inPanel('.mood > span'), 'text');
      expect(radios).toHaveLength(5);
      expect(spread(radios.map(middle))).toBeLessThan(1);
      radios.forEach((radio, i) => {
        expect(Math.abs(middle(radio) - middle(words[i]!))).toBeLessThan(3);
        expect(words[i]!.x - right(radio)).toBeGreaterThanOrEqual(0);
        expect(words[i]!.x - right(radio)).toBeLessThan(12);
      });
    });
    expect(await seriousAxeViolations(page)).toEqual([]);
    // The check-in by keyboard: Space chooses, the arrow keys move the choice.
    await panel.locator(byTestId('mood-3')).focus();
    await page.keyboard.press('Space');
    expect(await panel.locator(byTestId('mood-3')).isChecked()).toBe(true);
    await page.keyboard.press('ArrowRight');
    expect(await panel.locator(byTestId('mood-4')).isChecked()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('mood-4');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
  });

  test('after five minutes of review the break screen replaces the queue and counts down only while away', async () => {
    const itemId = (await page.locator(byTestId('item-detail')).getAttribute('data-item-id'))!;
    // Five minutes of steady review on the workstation's clock: opening the item once a minute.
    for (let minute = 0; minute < 6; minute += 1) {
      platform.advance(60_000);
      await callFromPage(page, 'queue.item', { itemId });
    }
    const breakScreen = page.locator(byTestId('break-screen'));
    await breakScreen.waitFor();
    expect(await page.locator(byTestId('item-detail')).count()).toBe(0);
    expect(await breakScreen.textContent()).toContain('The break counts only while you are away');
    expect(await page.locator(byTestId('break-remaining')).textContent()).toBe('2:00 of your break left');
    await atEachSize(page, 'wellness-break', async () => {
      // The countdown in the middle of the window, its bar as wide as the text around it.
      const [countdown] = await boxesOf(page, byTestId('break-remaining'), 'text');
      const width = page.viewportSize()!.width;
      expect(Math.abs(countdown!.x + countdown!.width / 2 - width / 2)).toBeLessThan(2);
      const [bar] = await boxesOf(page, `${byTestId('break-screen')} progress`);
      const [heading] = await boxesOf(page, '#break-heading');
      expect(bar!.width).toBe(heading!.width);
    });
    expect(await seriousAxeViolations(page)).toEqual([]);
    // Away for one minute: the countdown follows what core counted.
    platform.advance(60_000);
    platform.setIdleSeconds(60);
    await page.locator(`${byTestId('break-remaining')}[data-seconds="60"]`).waitFor({ timeout: 15_000 });
  });

  test('once the break is done, review resumes where it was', async () => {
    platform.advance(61_000);
    platform.setIdleSeconds(121);
    await page.locator(byTestId('queue-screen')).waitFor({ timeout: 15_000 });
    platform.setIdleSeconds(0);
    await page.locator(byTestId('item-detail')).waitFor();
    const before = await page.locator(byTestId('item-detail')).getAttribute('data-item-id');
    await page.keyboard.press('a');
    await page.waitForFunction((prev) => document.querySelector('[data-testid="item-detail"]')?.getAttribute('data-item-id') !== prev, before);
    const status = await callFromPage<{ state: string; today: { breaksTaken: number } }>(page, 'wellness.status');
    expect(status.today.breaksTaken).toBeGreaterThanOrEqual(1);
  });
});
