import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium } from './support/chromium';
import { screenshotDir, startApp, type RunningApp } from './support/app';
import { signInAndPull } from './support/moderator';

/**
 * A moderator meets videos in the queue: a plain one shows core's blurred grayscale storyboard and
 * steps through its keyframes with . and , ; holding Space shows the keyframe on screen clear under
 * a logged reveal; the signals pane shows the video's facts, its vPDQ frames and the classifier
 * over time.
 */
let app: RunningApp;
let browser: Browser;
let page: Page;
const previewUrls: URL[] = [];

beforeAll(async () => {
  app = await startApp({ size: 60 });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('request', (request) => {
    if (request.url().includes('/preview/')) previewUrls.push(new URL(request.url()));
  });
  await page.goto(app.host.launchUrl);
  await signInAndPull(page);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Moves down the queue until the item on screen shows what `ready` waits for; false at the end. */
async function downUntil(ready: () => Promise<boolean>, steps = 60): Promise<boolean> {
  for (let i = 0; i < steps; i++) {
    if (await ready()) return true;
    await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(150);
  }
  return false;
}

test('a plain video: storyboard, then keyframes one by one, all blurred and grayscale', { timeout: 240_000 }, async () => {
  const found = await downUntil(async () => {
    const frame = page.locator('[data-keyframe]');
    if ((await frame.count()) > 0) return true;
    // A video still being analysed, or its storyboard still being drawn, shows a placeholder: wait for it.
    for (const placeholder of ['preview-pending', 'preview-placeholder']) {
      if ((await page.getByTestId(placeholder).count()) > 0)
        await page.getByTestId(placeholder).first().waitFor({ state: 'detached', timeout: 60_000 });
    }
    return (await page.locator('[data-keyframe]').count()) > 0;
  });
  expect(found).toBe(true);
  const frame = page.locator('[data-keyframe]').first();
  await expect.poll(() => frame.getAttribute('data-keyframe')).toBe('storyboard');
  const image = frame.getByTestId('preview-image');
  expect(await image.getAttribute('data-grayscale')).toBe('true');
  expect(await image.getAttribute('alt')).toMatch(/storyboard of \d keyframes/);
  await page.screenshot({ path: path.join(screenshotDir, 'video-storyboard.png') });
  const storyboardSrc = await image.getAttribute('src');
  await page.keyboard.press('.');
  await expect.poll(() => frame.getAttribute('data-keyframe')).toBe('0');
  await expect.poll(() => image.getAttribute('alt'), { timeout: 60_000 }).toMatch(/keyframe 1 of \d/);
  await page.keyboard.press('.');
  await expect.poll(() => frame.getAttribute('data-keyframe')).toBe('1');
  await expect.poll(() => image.getAttribute('alt'), { timeout: 60_000 }).toMatch(/keyframe 2 of \d/);
  // Core drew the keyframe: a new image, not the storyboard's.
  await expect.poll(() => image.getAttribute('src'), { timeout: 60_000 }).not.toBe(storyboardSrc);
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(screenshotDir, 'video-keyframe.png') });

  // Holding Space shows this keyframe clear, drawn by core under a reveal; letting go ends it.
  await page.keyboard.down(' ');
  await page.getByTestId('preview-clear').first().waitFor();
  const clear = previewUrls.filter((url) => url.searchParams.get('tier') === 'clear');
  expect(clear.length).toBeGreaterThan(0);
  expect(clear.every((url) => url.searchParams.get('frame') === '1' && url.searchParams.get('revealId'))).toBe(true);
  await page.keyboard.up(' ');
  await page.getByTestId('preview-clear').first().waitFor({ state: 'detached' });
  await page.keyboard.press(',');
  await page.keyboard.press(',');
  await expect.poll(() => frame.getAttribute('data-keyframe')).toBe('storyboard');

  // K plays: core's blurred keyframes one after another, without sound; K again pauses.
  const asked = previewUrls.length;
  await page.keyboard.press('k');
  await expect.poll(() => frame.getAttribute('data-playing')).toBe('true');
  await expect.poll(() => frame.getAttribute('data-keyframe'), { timeout: 30_000 }).toBe('2');
  expect(await image.getAttribute('alt')).toMatch(/playing/);
  await page.keyboard.press('k');
  await expect.poll(() => frame.getAttribute('data-playing')).toBe('false');
  const played = previewUrls.slice(asked);
  expect(played.length).toBeGreaterThan(0);
  expect(played.every((url) => url.searchParams.get('tier') !== 'clear' && url.searchParams.has('frame'))).toBe(true);
  expect(await page.locator('audio, video').count()).toBe(0);
});

test('the signals pane shows the video: its facts, its vPDQ frames and the classifier over time', async () => {
  const video = page.getByTestId('video-signals').first();
  await video.waitFor();
  expect(await page.getByTestId('media-signals').first().locator('h4').textContent()).toMatch(/^Video 1$/);
  expect(await video.getByTestId('video-facts').textContent()).toMatch(/^\d+:\d\d, \d+ × \d+, [\d.]+ fps, (with sound \(muted here\)|no sound)$/);
  const vpdq = (await video.getByTestId('video-vpdq').textContent()) ?? '';
  const [, frames] = /^vPDQ: (\d+) frames hashed/.exec(vpdq) ?? [];
  expect(Number(frames)).toBeGreaterThanOrEqual(5);
  // One point a sampled frame: the chart is the vPDQ sampling, not a resampling of it.
  expect(await video.getByTestId('video-timeline').getAttribute('data-points')).toBe(frames);
  // The chart follows the item's first frame.
  await video.locator('.recharts-line').first().waitFor();
  await page.getByTestId('signals').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(screenshotDir, 'video-signals.png') });
});
