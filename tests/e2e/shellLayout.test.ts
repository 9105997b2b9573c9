import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from './support/chromium';
import { screenshotDir, startApp, type RunningApp } from './support/app';
import { clashes, overlaps, type Box } from './support/layout';
import { signInAndPull } from './support/moderator';

/**
 * The app shell at the window sizes moderators work in: the header (progress, lease timer, sync
 * status, sign-out) and the decision bar stay on screen for the whole shift, the panes between
 * them scroll on their own, focusing the item never scrolls the document, a decision's undo
 * message covers nothing, and an open dialog keeps its buttons on screen.
 */
let app: RunningApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  app = await startApp({ size: 30 });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(app.host.launchUrl);
  await signInAndPull(page);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** What of an element can be seen: its box cut to every ancestor that clips (a scrolling pane). */
async function visibleBox(testId: string): Promise<Box> {
  const box = await page
    .getByTestId(testId)
    .first()
    .evaluate((el) => {
      let { left, top, right, bottom } = el.getBoundingClientRect();
      for (let parent = el.parentElement; parent !== null; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflow === 'visible') continue;
        const clip = parent.getBoundingClientRect();
        left = Math.max(left, clip.left);
        top = Math.max(top, clip.top);
        right = Math.min(right, clip.right);
        bottom = Math.min(bottom, clip.bottom);
      }
      return { x: left, y: top, width: Math.max(0, right - left), height: Math.max(0, bottom - top) };
    });
  return box;
}

async function fullBox(testId: string): Promise<Box> {
  const box = await page.getByTestId(testId).first().boundingBox();
  if (box === null) throw new Error(`${testId} is not on screen`);
  return box;
}

function expectInside(name: string, box: Box, width: number, height: number): void {
  const inside = box.x >= 0 && box.y >= 0 && box.x + box.width <= width + 0.5 && box.y + box.height <= height + 0.5;
  expect(inside, `${name} at ${JSON.stringify(box)} is not inside ${width}x${height}`).toBe(true);
  expect(box.width * box.height, `${name} has no area`).toBeGreaterThan(0);
}

function expectApart(boxes: Record<string, Box>): void {
  expect(clashes(boxes)).toEqual([]);
}

const documentScroll = () => page.evaluate(() => document.scrollingElement?.scrollTop ?? -1);

/** Decides the item on screen the way its bar allows: a hash match is handed back, anything else approved. */
async function decideShownItem(): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid="decision-bar"]')?.getAttribute('data-mode') !== 'analysing');
  const itemId = await page.getByTestId('item-detail').getAttribute('data-item-id');
  if ((await page.getByTestId('decision-bar').getAttribute('data-mode')) === 'childSafety') {
    await page.keyboard.press('s');
    await page.getByTestId('hand-back').waitFor();
    await page.keyboard.type('Match on a family photo: needs a specialist to confirm.');
    await page.keyboard.press('Control+Enter');
  } else {
    await page.keyboard.press('a');
  }
  await page.waitForFunction((id) => document.querySelector('[data-testid="item-detail"]')?.getAttribute('data-item-id') !== id, itemId);
}

describe('the app shell', () => {
  for (const [width, height] of [
    [1280, 720],
    [1440, 900],
    [1920, 1080],
  ] as const) {
    test(`${width}x${height}: header and decision bar stay in view and apart, panes scroll, dialogs keep their buttons`, async () => {
      await page.setViewportSize({ width, height });
      await decideShownItem();
      // The next item takes the keyboard, as it does after every decision.
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'queue-main');
      await page.getByTestId('undo-toast').waitFor();
      expect(await documentScroll()).toBe(0);

      const shell = {
        progress: await fullBox('batch-progress'),
        lease: await fullBox('lease-timer'),
        sync: await fullBox('sync-pill'),
        signOut: await fullBox('sign-out'),
        decisionBar: await fullBox('decision-bar'),
      };
      for (const [name, box] of Object.entries(shell)) expectInside(name, box, width, height);
      expectApart(shell);

      // The undo message sits in the bar's own line: it covers neither the account nor the signals.
      const toast = await fullBox('undo-toast');
      expectInside('undo toast', toast, width, height);
      expectApart({
        toast,
        account: await visibleBox('account-context'),
        signals: await visibleBox('signals'),
        item: await visibleBox('item-detail'),
      });
      expect(overlaps(toast, shell.decisionBar)).toBe(true);

      // Every pane ends above the bar; what does not fit scrolls inside the pane.
      for (const pane of ['queue-main', 'account-context', 'item-detail']) {
        const box = await visibleBox(pane);
        expect(box.y + box.height, pane).toBeLessThanOrEqual(shell.decisionBar.y + 0.5);
      }
      await page.screenshot({ path: path.join(screenshotDir, `layout-${width}x${height}.png`) });

      await page.keyboard.press('e');
      await page.getByTestId('escalate-chooser').waitFor();
      await page.keyboard.press('1');
      await page.getByTestId('escalation-reported').waitFor();
      const dialog = {
        dialog: await fullBox('escalation-form'),
        close: await page.getByRole('button', { name: /^Close \(draft kept\)/ }).boundingBox(),
        submit: await fullBox('escalation-submit'),
      };
      expectInside('dialog', dialog.dialog, width, height);
      expectInside('close button', dialog.close!, width, height);
      expectInside('submit button', dialog.submit, width, height);
      expectApart({ close: dialog.close!, submit: dialog.submit });
      // Its body scrolls inside the dialog, between the title and the buttons.
      const body = await page
        .locator('[data-testid="escalation-form"] .dialog-body')
        .evaluate((el) => ({ scrolls: el.scrollHeight > el.clientHeight, bottom: el.getBoundingClientRect().bottom }));
      expect(body.bottom).toBeLessThanOrEqual(dialog.submit.y);
      if (height <= 900) expect(body.scrolls).toBe(true);
      await page.screenshot({ path: path.join(screenshotDir, `layout-${width}x${height}-dialog.png`) });
      await page.keyboard.press('Escape');
      await page.getByTestId('escalation-form').waitFor({ state: 'detached' });

      await page.keyboard.press('r');
      await page.getByTestId('reason-picker').waitFor();
      expectInside('picker confirm', await fullBox('reason-confirm'), width, height);
      await page.keyboard.press('Escape');
      await page.getByTestId('reason-picker').waitFor({ state: 'detached' });
      expect(await documentScroll()).toBe(0);
    });
  }
});
