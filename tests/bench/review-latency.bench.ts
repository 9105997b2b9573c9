/**
 * Reviewer latency in a real browser: from the decision key press to the next item's preview
 * painted, over 200 items, in Debian's Chromium against browser mode; and from sign-in to the
 * first item ready. The peer, measured in the same run, is the API floor: the same transition's
 * calls (decide, queue state, next item, its preview) made directly with fetch from the page,
 * with no UI, as a renderer that waits for core would have to. The ratio says what reading the next
 * item ahead saves the moderator.
 */
import { build } from 'vite';
import type { Page } from 'playwright-core';
import { rendererConfig } from '../../vite.renderer.config';
import { launchChromium } from '../e2e/support/chromium';
import { startApp } from '../e2e/support/app';
import { fileChildSafetyReportUnseen } from '../e2e/support/moderator';

const ITEMS = 200;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/**
 * Arms a watch in the page for the next `on` event: from that event until the frame that paints
 * the screen it leads to (what `ready` names), as the page's own clock sees it. Arming in the page
 * before the script presses or clicks keeps the script's own round trips to the browser out.
 */
async function armWatch(page: Page, on: 'keydown' | 'click', ready: { selector: string; newItem: boolean }): Promise<void> {
  await page.evaluate(
    ({ on, ready }) => {
      const w = window as unknown as { __painted?: number };
      delete w.__painted;
      const previous = document.querySelector('[data-testid="item-detail"]')?.getAttribute('data-item-id');
      window.addEventListener(
        on,
        (e) => {
          const pressedAt = e.timeStamp;
          const isReady = () => {
            if (document.querySelector(ready.selector) === null) return false;
            if (!ready.newItem) return true;
            const detail = document.querySelector('[data-testid="item-detail"]');
            const images = [...document.querySelectorAll<HTMLImageElement>('[data-testid="preview-image"]')];
            const placeholders = document.querySelectorAll('[data-testid="preview-placeholder"]').length;
            return (
              detail !== null &&
              detail.getAttribute('data-item-id') !== previous &&
              placeholders === 0 &&
              images.every((img) => img.complete && img.naturalWidth > 0)
            );
          };
          // Ready after a change to the page: the next frame paints it; ready seen in a frame's callbacks (an image
          // finished decoding): that frame does. Timed when the frame's callbacks run, just before it is painted (the
          // frame's own timestamp can lie before the key press).
          const observer = new MutationObserver(() => {
            if (w.__painted !== undefined || !isReady()) return;
            observer.disconnect();
            requestAnimationFrame(() => (w.__painted ??= performance.now() - pressedAt));
          });
          observer.observe(document.body, { subtree: true, childList: true, attributes: true });
          const poll = () => {
            if (w.__painted !== undefined) return;
            if (isReady()) {
              observer.disconnect();
              w.__painted = performance.now() - pressedAt;
            } else requestAnimationFrame(poll);
          };
          requestAnimationFrame(poll);
        },
        { capture: true, once: true },
      );
    },
    { on, ready },
  );
}

async function watched(page: Page): Promise<number> {
  const painted = await page.waitForFunction(() => (window as unknown as { __painted?: number }).__painted);
  return (await painted.jsonValue()) as number;
}

/**
 * Press A and measure, inside the page, until the next item and its previews are painted. First,
 * untimed, the script waits as a moderator's look at the item would (a second or more, far longer
 * than this) until the next item is read ahead.
 */
async function timedDecision(page: Page): Promise<number> {
  await page.locator('[data-testid="item-detail"][data-next-ready="true"]').waitFor();
  await armWatch(page, 'keydown', { selector: '[data-testid="item-detail"]', newItem: true });
  await page.keyboard.press('a');
  return watched(page);
}

/**
 * A child-safety match (the demo's image and its two videos) is never shown, only escalated; the
 * script files its report unseen, untimed, as a moderator would.
 */
async function escalateUnseen(page: Page): Promise<void> {
  const itemId = await page.getByTestId('item-detail').getAttribute('data-item-id');
  await fileChildSafetyReportUnseen(page, 'Hash match; not viewed.');
  await page.waitForFunction(
    (id) =>
      document.querySelector('[data-testid="batch-done"]') !== null ||
      document.querySelector('[data-testid="item-detail"]')?.getAttribute('data-item-id') !== id,
    itemId,
  );
}

/** Decision keys stay off while the item is analysed (a video takes seconds); the script waits, untimed, as a moderator would. */
async function showsChildSafetyMatch(page: Page): Promise<boolean> {
  await page.waitForFunction(() => document.querySelector('[data-testid="decision-bar"]')?.getAttribute('data-mode') !== 'analysing');
  return (await page.getByTestId('child-safety-placeholder').count()) > 0;
}

/** The same transition's calls, straight to the API: decide, queue state, next item, previews. */
async function apiFloor(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const token = sessionStorage.getItem('workstation.token') ?? '';
    const call = async (name: string, input: unknown) => {
      const res = await fetch(`/api/${name}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      if (!res.ok) throw new Error(`${name}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    type View = { signals: { media: Array<{ bankMatches: Array<{ category: string }> }> } };
    let before = (await call('queue.state', {})) as { currentItemId: string | null };
    if (before.currentItemId === null) before = (await call('queue.lease', {})) as { currentItemId: string | null };
    // A child-safety match only leaves by its report or a hand-back: handed back here, untimed.
    while (
      before.currentItemId !== null &&
      ((await call('queue.item', { itemId: before.currentItemId })) as View).signals.media.some((m) =>
        m.bankMatches.some((b) => b.category === 'child_safety'),
      )
    ) {
      const note = 'Child-safety match: for a specialist.';
      await call('review.decide', { itemId: before.currentItemId, action: 'skip', skipReason: 'needs_specialist', reasonCode: null, note });
      before = (await call('queue.state', {})) as { currentItemId: string | null };
    }
    const t0 = performance.now();
    await call('review.decide', { itemId: before.currentItemId, action: 'approve', reasonCode: null, note: null });
    const state = (await call('queue.state', {})) as { currentItemId: string | null };
    if (state.currentItemId) {
      const view = (await call('queue.item', { itemId: state.currentItemId })) as { item: { id: string; media: Array<{ sha256: string }> } };
      await Promise.all(
        view.item.media.map(async (m) => {
          const res = await fetch(`/preview/${view.item.id}/${m.sha256}?tier=heavy&grayscale=1`, {
            headers: { authorization: `Bearer ${token}` },
          });
          await res.arrayBuffer();
        }),
      );
    }
    return performance.now() - t0;
  });
}

async function main(): Promise<void> {
  await build({ ...rendererConfig, logLevel: 'warn' });
  const app = await startApp({ size: ITEMS * 2 + 20, undoMs: 5_000 });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // tsx compiles this file with esbuild's keepNames, which wraps functions passed to
    // page.evaluate in a __name() helper the page does not have.
    await page.addInitScript('window.__name = (fn) => fn');
    await page.goto(app.host.launchUrl);
    await page.getByTestId('demo-account-mod1').waitFor();
    // The app's time, not the script's reactions: the click to the empty queue painted, then P to the first item
    // painted (the demo's child-safety match leads the first batch: never shown, its placeholder is the item).
    await armWatch(page, 'click', { selector: '[data-testid="queue-empty"]', newItem: false });
    await page.getByTestId('demo-account-mod1').click();
    const signIn = await watched(page);
    await armWatch(page, 'keydown', { selector: '[data-testid="child-safety-placeholder"]', newItem: false });
    await page.keyboard.press('p');
    const firstItem = await watched(page);
    await escalateUnseen(page);
    await page.getByTestId('preview-image').first().waitFor();
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLImageElement>('[data-testid="preview-image"]')].every((i) => i.complete && i.naturalWidth > 0),
    );

    const ui: number[] = [];
    while (ui.length < ITEMS) {
      const left =
        Number(await page.getByTestId('batch-progress').getAttribute('data-total')) -
        Number(await page.getByTestId('batch-progress').getAttribute('data-done'));
      for (let i = 0; i < left - 1 && ui.length < ITEMS; i++) {
        if (await showsChildSafetyMatch(page)) await escalateUnseen(page);
        else ui.push(await timedDecision(page));
      }
      if (ui.length >= ITEMS) break;
      // The last item of a batch leads to the "batch done" screen, not to a next preview: untimed.
      if (await showsChildSafetyMatch(page)) await escalateUnseen(page);
      else await page.keyboard.press('a');
      await page.getByTestId('batch-done').waitFor();
      await page.keyboard.press('p');
      await page.getByTestId('item-detail').waitFor();
    }
    const floor: number[] = [];
    for (let i = 0; i < 40; i++) floor.push(await apiFloor(page));

    const p50 = percentile(ui, 50);
    const p95 = percentile(ui, 95);
    const floorP50 = percentile(floor, 50);
    console.log(`review latency: key press -> next item's preview painted, ${ui.length} items (Chromium, browser mode)`);
    console.log(
      `  ours (UI):      p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${Math.max(...ui).toFixed(1)} ms   goal: p95 < 20 ms (one frame)`,
    );
    console.log(
      `  peer (API floor, same calls by fetch, ${floor.length} runs): p50 ${floorP50.toFixed(1)} ms, p95 ${percentile(floor, 95).toFixed(1)} ms`,
    );
    console.log(`  ratio UI/API floor at p50: ${(p50 / floorP50).toFixed(2)}x`);
    console.log(
      `  sign-in to first item ready: ${(signIn + firstItem).toFixed(0)} ms (click to queue ${signIn.toFixed(0)} ms + P to first item ${firstItem.toFixed(0)} ms)   goal: < 1000 ms`,
    );
  } finally {
    await browser.close();
    await app.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
