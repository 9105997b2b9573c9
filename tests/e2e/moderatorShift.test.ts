import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from './support/chromium';
import { screenshotDir, startApp, type RunningApp } from './support/app';
import { fileChildSafetyReportUnseen, signInAndPull } from './support/moderator';

/**
 * The walking skeleton end to end: a moderator signs in from the login screen's demo list, pulls a
 * batch, decides five items with the keyboard alone (waiting for each item's hash-bank check,
 * choosing the kind of escalation, giving the skip its reason), and the upstream records exactly
 * those five.
 */
let app: RunningApp;
let browser: Browser;
let page: Page;
/** Decisions the shift test made, for the role test that follows it. */
let decisionsMade = 0;
const decideRequests: Array<{ action: string; skipReason?: string; note: string | null }> = [];

beforeAll(async () => {
  app = await startApp({ undoMs: 300 });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('request', (request) => {
    if (request.url().endsWith('/api/review.decide')) decideRequests.push(request.postDataJSON() as (typeof decideRequests)[number]);
  });
  await page.goto(app.host.launchUrl);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function currentItemId(): Promise<string> {
  const id = await page.getByTestId('item-detail').getAttribute('data-item-id');
  if (!id) throw new Error('No item is shown');
  return id;
}

async function waitForNextItem(previous: string): Promise<void> {
  await page.waitForFunction((prev) => document.querySelector('[data-testid="item-detail"]')?.getAttribute('data-item-id') !== prev, previous);
}

describe('a moderator works a batch by keyboard', () => {
  test('the login screen lists the demo team: moderators, a supervisor and a wellness lead', async () => {
    const login = page.getByTestId('login-screen');
    await login.waitFor();
    // The accounts arrive from the upstream after the screen is up: wait for each, never count too early.
    for (const name of ['Mina Moderator', 'Omar Haddad', 'Tomás Reyes', 'Sam Supervisor', 'Wren Wellness']) {
      await login.getByText(name).waitFor();
    }
    await page.screenshot({ path: path.join(screenshotDir, 'login.png') });
  });

  test('signs in and pulls a batch; the child-safety hash match comes first and is not shown', async () => {
    await signInAndPull(page);
    await page.getByTestId('child-safety-placeholder').waitFor();
    expect(await page.getByTestId('preview-image').count()).toBe(0);
  });

  test('keyboard decisions (five, and an escalation per child-safety video first in the queue) reach the upstream exactly once each', async () => {
    const decided: Array<{ itemId: string; action: string; reasonCode: string | null }> = [];

    const decideWith = async (action: string, keys: () => Promise<string | null>) => {
      const itemId = await currentItemId();
      // The decision keys stay off until every image of the item has been checked against the hash banks.
      await page.waitForFunction(() => document.querySelector('[data-testid="decision-bar"]')?.getAttribute('data-mode') !== 'analysing');
      const reasonCode = await keys();
      decided.push({ itemId, action, reasonCode });
      await waitForNextItem(itemId);
      // Every new item with media starts blurred and grayscale again.
      for (const img of await page.getByTestId('preview-image').all()) {
        expect(await img.getAttribute('data-blur-tier')).toBe('heavy');
        expect(await img.getAttribute('data-grayscale')).toBe('true');
      }
    };

    // The hash match leaves only through its report (or back to a specialist): E, then 1 for child
    // safety opens the report, Ctrl+Enter queues it with the decision.
    const escalateUnseen = () =>
      decideWith('escalate', async () => {
        await fileChildSafetyReportUnseen(page, 'Hash match; not viewed.');
        return 'CSAE-1';
      });
    await escalateUnseen();
    // The demo's child-safety videos (matched by vPDQ on the device) come next when they are older
    // than the rest: never shown, not even a storyboard, and escalated the same way.
    while ((await page.getByTestId('child-safety-placeholder').count()) > 0) {
      expect(await page.locator('[data-keyframe]').count()).toBe(0);
      await escalateUnseen();
    }
    const preview = page.getByTestId('preview-image').first();
    await preview.waitFor();
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="preview-image"]');
      return img !== null && img.complete && img.naturalWidth > 0;
    });
    await page.screenshot({ path: path.join(screenshotDir, 'queue.png') });

    await decideWith('approve', async () => {
      await page.keyboard.press('a');
      return null;
    });
    await decideWith('remove', async () => {
      await page.keyboard.press('r');
      await page.getByTestId('reason-picker').waitFor();
      // Enter before anything is chosen files nothing; typing picks the top match.
      await page.keyboard.press('Enter');
      await page.getByTestId('nothing-chosen').filter({ hasText: 'Nothing is chosen yet' }).waitFor();
      await page.keyboard.type('spam');
      await page.keyboard.press('Enter');
      return 'SPAM-1';
    });
    await decideWith('approve', async () => {
      await page.keyboard.press('a');
      return null;
    });
    await decideWith('skip', async () => {
      await page.keyboard.press('s');
      await page.getByTestId('skip-picker').waitFor();
      await page.keyboard.press('1');
      return null;
    });
    const skip = decideRequests.find((r) => r.action === 'skip');
    expect(skip).toMatchObject({ skipReason: 'not_my_language', note: null });
    await expect
      .poll(async () => (await app.upstream.db.query<{ n: string }>('select count(*)::text as n from decisions'))[0]?.n, {
        timeout: 20_000,
        interval: 250,
      })
      .toBe(String(decided.length));
    decisionsMade = decided.length;
    const rows = await app.upstream.db.query<{ item_id: string; action: string; reason_code: string | null }>(
      'select item_id, action, reason_code from decisions order by decided_at',
    );
    expect(rows.map((r) => ({ itemId: r.item_id, action: r.action, reasonCode: r.reason_code }))).toEqual(decided);
    await expect.poll(() => page.getByTestId('batch-progress').getAttribute('data-done')).toBe(String(decided.length));
  });
});

describe('roles are enforced by core, not only by the UI', () => {
  test('a supervisor cannot make moderator-only writes', async () => {
    await page.getByTestId('sign-out').click();
    await page.getByTestId('login-screen').waitFor();
    await page.getByTestId('demo-account-supervisor1').click();
    await page.getByTestId('signed-in-account').filter({ hasText: 'Sam Supervisor' }).waitFor();
    const reply = await page.evaluate(async () => {
      const token = sessionStorage.getItem('workstation.token');
      const res = await fetch('/api/review.decide', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ itemId: 'itm_1_0001', action: 'approve', reasonCode: null, note: null }),
      });
      return { status: res.status, body: (await res.json()) as { error: { code: string; message: string } } };
    });
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe('forbidden');
    expect(reply.body.error.message).toMatch(/moderator/);
    const rows = await app.upstream.db.query<{ n: string }>('select count(*)::text as n from decisions');
    expect(rows[0]?.n).toBe(String(decisionsMade));
  });
});
