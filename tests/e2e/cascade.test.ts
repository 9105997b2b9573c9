import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ItemView } from '../../electron/api';
import { launchChromium } from './support/chromium';
import { repoRoot, screenshotDir, startApp, type RunningApp } from './support/app';
import { coreItemView, signInAndPull } from './support/moderator';

/**
 * A second classifier added by dropping its manifest into the models folder: the workstation
 * discovers it at start, runs it after the fast model, and the signals pane names both, the fast
 * model's replaced scores muted. Its band here admits every image, so the first image shows it.
 */
let modelsDir: string;
let app: RunningApp;
let browser: Browser;
let page: Page;

const manifest = (id: string) => JSON.parse(readFileSync(path.join(repoRoot, 'models', `${id}.manifest.json`), 'utf8')) as Record<string, unknown>;

beforeAll(async () => {
  modelsDir = mkdtempSync(path.join(os.tmpdir(), 'workstation-models-'));
  for (const id of ['nsfw-mobilenet-v2', 'nsfw-inception-v3']) {
    const declared = manifest(id);
    // The built models stay where npm install put them; only the manifests are this folder's own.
    const file = path.join(repoRoot, 'models', declared['file'] as string);
    const runsWhen = declared['runsWhen'] ? { model: 'nsfw-mobilenet-v2', uncertain: { Neutral: [0, 1] } } : undefined;
    writeFileSync(path.join(modelsDir, `${id}.manifest.json`), JSON.stringify({ ...declared, file, runsWhen }));
  }
  app = await startApp({ size: 12, modelsDir });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(app.host.launchUrl);
  await signInAndPull(page);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  rmSync(modelsDir, { recursive: true, force: true });
});

const coreView = (itemId: string): Promise<ItemView> => coreItemView(page, itemId);

test('the workstation says at start which models it found and when each runs', () => {
  expect(app.logs).toContain('[models] image classifier nsfw-mobilenet-v2 (nsfw-mobilenet-v2.manifest.json) runs on every image');
  expect(app.logs).toContain(
    '[models] image classifier nsfw-inception-v3 (nsfw-inception-v3.manifest.json) runs when nsfw-mobilenet-v2 is unsure (Neutral 0..1)',
  );
});

test('an image both models ran on: each named in the signals pane, the scores read from the second', async () => {
  // Walk the queue, without deciding, to the first item with an analysed image.
  for (let step = 0; ; step++) {
    await page.waitForFunction(() => document.querySelector('[data-testid="decision-bar"]')?.getAttribute('data-mode') !== 'analysing');
    if ((await page.getByTestId('classifier-model').count()) > 0) break;
    expect(step).toBeLessThan(12);
    await page.keyboard.press('ArrowDown');
  }
  const itemId = (await page.getByTestId('item-detail').getAttribute('data-item-id'))!;
  const media = (await coreView(itemId)).signals.media.find((m) => m.classifier && 'models' in m.classifier)!;
  const classifier = media.classifier as Extract<NonNullable<typeof media.classifier>, { models: unknown }>;
  expect(classifier.models.map((m) => m.modelId)).toEqual(['nsfw-mobilenet-v2', 'nsfw-inception-v3']);
  expect(new Set(classifier.scores.map((s) => s.modelId))).toEqual(new Set(['nsfw-inception-v3']));

  const pane = page.locator(`[data-testid="media-signals"][data-sha256="${media.sha256}"]`);
  const models = pane.getByTestId('classifier-model');
  await expect.poll(() => models.count()).toBe(2);
  expect(await models.nth(0).getAttribute('aria-label')).toBe(classifier.models[0]!.name);
  expect(await models.nth(1).textContent()).toContain(`Run because ${classifier.models[0]!.name} was unsure`);
  const replaced = models.nth(0).getByTestId('classifier-score-replaced');
  expect(await replaced.evaluateAll((els) => els.map((el) => el.getAttribute('data-replaced-by')))).toEqual(Array(5).fill('nsfw-inception-v3'));
  expect(await models.nth(1).getByTestId('classifier-score').count()).toBe(5);
  const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });
  expect(await models.nth(1).getByTestId('classifier-score').allTextContents()).toEqual(
    classifier.scores.map(
      (s) => `${s.label}: ${percent.format(s.probability)} (threshold ${percent.format(s.threshold)})${s.flagged ? 'flagged' : ''}`,
    ),
  );
  await pane.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(screenshotDir, 'cascade-signals.png') });
});
