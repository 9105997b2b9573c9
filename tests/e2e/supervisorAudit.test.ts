import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startBrowserMode, type BrowserMode } from '../../electron/web/host';
import { startUpstream, type Upstream } from '../../upstream';
import { launchChromium } from './support/chromium';
import { repoRoot, screenshotDir } from './support/app';

/**
 * A supervisor audits offline: their workstation downloads the team's last four weeks, the
 * upstream goes away, they draw a sample and overturn one of Mina's decisions blind, the upstream
 * comes back, the overturn uploads, and Mina's own workstation shows it with the reason.
 */
const HISTORY = 3000;
const OVERTURN_REASON = 'Spam: the link leads to a fake shop, so it comes down under SPAM-1.';

let tmp: string;
let upstream: Upstream;
let port: number;
let supervisorApp: BrowserMode;
let moderatorApp: BrowserMode;
let browser: Browser;
let supervisor: Page;
let moderator: Page;
const pageProblems: string[] = [];
/** Corrections of Mina's seeded past decisions the moderator's workstation had before the overturn. */
let correctionsBefore = 0;
const unseenCorrections = async () => Number((await moderator.textContent(byTestId('corrections-button')))!.match(/(\d+) new/)?.[1] ?? 0);

const startReference = (p = 0) => startUpstream({ port: p, size: 24, dataDir: path.join(tmp, 'upstream'), auditHistory: HISTORY, log: () => {} });
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

async function app(name: string): Promise<BrowserMode> {
  const dataDir = path.join(tmp, name);
  mkdirSync(dataDir, { recursive: true });
  return startBrowserMode({ dataDir, staticDir: path.join(repoRoot, 'out/renderer'), upstreamUrl: upstream.url, log: () => {} });
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'workstation-audit-e2e-'));
  upstream = await startReference();
  port = Number(new URL(upstream.url).port);
  supervisorApp = await app('supervisor');
  moderatorApp = await app('moderator');
  browser = await launchChromium();
  supervisor = await browser.newPage({ viewport: { width: 1440, height: 950 } });
  moderator = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  for (const page of [supervisor, moderator]) {
    page.on('console', (m) => m.type() === 'error' && !m.text().includes('Failed to load resource') && pageProblems.push(m.text()));
  }
  mkdirSync(screenshotDir, { recursive: true });
  await moderator.goto(moderatorApp.host.launchUrl);
  await moderator.click(byTestId('demo-account-mod1'));
  await supervisor.goto(supervisorApp.host.launchUrl);
  await supervisor.click(byTestId('demo-account-supervisor1'));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await supervisorApp?.close();
  await moderatorApp?.close();
  await upstream?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('supervisor audit, offline', () => {
  test('the first sign-in downloads the last four weeks with progress, and the log filters by keyboard and full text', async () => {
    await moderator.waitForSelector(byTestId('corrections-button'), { timeout: 60_000 });
    correctionsBefore = await unseenCorrections();
    await supervisor.waitForSelector(`${byTestId('audit-workspace')}`);
    await supervisor.keyboard.press('1');
    await supervisor.waitForFunction(
      () => document.querySelector('[data-testid="stored-periods"] tbody tr td:nth-child(4)')?.textContent === 'Complete',
      null,
      { timeout: 120_000 },
    );
    expect(await supervisor.textContent(byTestId('download-progress'))).toMatch(/Finished: [\d,]+ records/);

    await supervisor.keyboard.press('2');
    await supervisor.waitForSelector(byTestId('log-row'));
    const total = async () => Number((await supervisor.textContent(byTestId('log-total')))!.match(/^([\d,]+)/)![1]!.replaceAll(',', ''));
    expect(await total()).toBeGreaterThanOrEqual(HISTORY);
    await supervisor.selectOption(byTestId('filter-moderatorId'), { label: 'Mina Moderator' });
    await supervisor.selectOption(byTestId('filter-action'), 'remove');
    await supervisor.keyboard.press('/');
    await supervisor.keyboard.type('link');
    await supervisor.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-testid="log-row"]')].every(
          (r) => r.textContent?.includes('Mina Moderator') && r.textContent.toLowerCase().includes('link'),
        ),
      null,
      { timeout: 10_000 },
    );
    const filtered = await total();
    expect(filtered).toBeGreaterThan(0);
    expect(filtered).toBeLessThan(HISTORY / 10);
    await supervisor.focus(byTestId('log-scroller'));
    await supervisor.keyboard.press('ArrowDown');
    await supervisor.keyboard.press('Enter');
    await supervisor.waitForSelector(`${byTestId('detail-history')} li`);
    expect(await supervisor.textContent(byTestId('log-detail'))).toContain('No media is shown');
    expect(await seriousAxeViolations(supervisor)).toEqual([]);
    await supervisor.screenshot({ path: path.join(screenshotDir, 'audit-log-filtered.png') });
  });

  test('with the upstream stopped, a drawn sample is re-reviewed blind and one of Mina’s decisions overturned', async () => {
    await upstream.close();
    await supervisor.keyboard.press('Escape');
    await supervisor.click(byTestId('tab-qa'));
    await supervisor.selectOption(byTestId('qa-mode'), 'stratified');
    await supervisor.selectOption(byTestId('qa-stratify'), 'moderator');
    await supervisor.fill(byTestId('qa-seed'), '42');
    await supervisor.fill(byTestId('qa-size'), '12');
    await supervisor.click(byTestId('qa-draw'));
    await supervisor.waitForSelector(`${byTestId('qa-item')}[data-state="blind"]`);

    let overturned = false;
    for (let i = 0; i < 12 && !overturned; i += 1) {
      expect(await supervisor.$(byTestId('qa-original'))).toBeNull();
      expect(await supervisor.textContent(byTestId('qa-blind'))).toContain('stays hidden');
      await supervisor.check('input[type="radio"][value="remove"]');
      await supervisor.selectOption(byTestId('qa-reason'), 'SPAM-1');
      await supervisor.click(byTestId('qa-record'));
      await supervisor.waitForSelector(byTestId('qa-original'));
      const original = (await supervisor.textContent(byTestId('qa-original')))!;
      if (original.includes('Mina Moderator') && !original.includes('Remove SPAM-1 · Mina')) {
        await supervisor.fill(byTestId('qa-verdict-reason'), OVERTURN_REASON);
        await supervisor.click(byTestId('qa-overturn'));
        overturned = true;
      } else {
        await supervisor.click(byTestId('qa-agree'));
      }
      await supervisor.waitForSelector(byTestId('qa-verdict'));
      expect(await supervisor.textContent(byTestId('qa-verdict'))).toContain('waiting for upload');
      if (!overturned) {
        await supervisor.click(byTestId('qa-next'));
        await supervisor.waitForSelector(`${byTestId('qa-item')}[data-state="blind"]`);
      }
    }
    expect(overturned).toBe(true);
    expect(await seriousAxeViolations(supervisor)).toEqual([]);
    await supervisor.screenshot({ path: path.join(screenshotDir, 'audit-qa.png') });
  }, 120_000);

  test('the agreement charts, appeals, chain and exports work offline', async () => {
    await supervisor.keyboard.press('4');
    await supervisor.waitForSelector(`${byTestId('chart-kappa-moderator')} .recharts-bar-rectangle`, { state: 'attached' });
    expect(await supervisor.textContent(byTestId('agreement-overall'))).toMatch(/Cohen’s kappa 0\.\d\d/);
    expect(await seriousAxeViolations(supervisor)).toEqual([]);
    await supervisor.screenshot({ path: path.join(screenshotDir, 'audit-agreement.png'), fullPage: true });

    await supervisor.keyboard.press('5');
    await supervisor.waitForSelector(byTestId('appeal'));
    expect(await supervisor.textContent(byTestId('appeal-not-decidable'))).toContain('your own decision');
    await supervisor.keyboard.press('6');
    await supervisor.click(byTestId('chain-verify'));
    await supervisor.waitForSelector(`${byTestId('chain-result')}[data-ok="true"] >> nth=1`);
    expect(await seriousAxeViolations(supervisor)).toEqual([]);
  });

  test('back online, the overturn uploads and Mina’s workstation shows it with the reason', async () => {
    upstream = await startReference(port);
    await moderator.waitForFunction(
      (before) => Number(document.querySelector('[data-testid="corrections-button"]')?.textContent?.match(/(\d+) new/)?.[1] ?? 0) === before + 1,
      correctionsBefore,
      { timeout: 120_000 },
    );
    await moderator.click(byTestId('corrections-button'));
    await moderator.waitForSelector(byTestId('corrections-dialog'));
    const reasons = await moderator.$$eval('[data-testid="correction-reason"]', (nodes) => nodes.map((n) => n.textContent));
    expect(reasons[0]).toBe(OVERTURN_REASON);
    expect(await seriousAxeViolations(moderator)).toEqual([]);
    await moderator.screenshot({ path: path.join(screenshotDir, 'moderator-corrections.png') });
    expect(pageProblems.filter((p) => !/upstream|unreachable|fetch/i.test(p))).toEqual([]);
  }, 150_000);
});
