import type { Page } from 'playwright-core';
import type { ItemView } from '../../../electron/api';

/** On the login screen: signs in as the demo's first moderator by keyboard and pulls a batch (P). */
export async function signInAndPull(page: Page): Promise<void> {
  await page.getByTestId('demo-account-mod1').focus();
  await page.keyboard.press('Enter');
  // P works once the (empty) queue has loaded: wait for what the user sees first.
  await page.getByTestId('queue-empty').waitFor();
  await page.keyboard.press('p');
  await page.getByTestId('item-detail').waitFor();
}

/**
 * On a child-safety match: E, then 1 opens its report; Tab to the moderator's own account, type
 * it, and Ctrl+Enter queues report and decision together. Nothing of the item is shown.
 */
export async function fileChildSafetyReportUnseen(page: Page, info: string): Promise<void> {
  await page.keyboard.press('e');
  await page.getByTestId('escalate-chooser').waitFor();
  await page.keyboard.press('1');
  await page.getByTestId('escalation-reported').waitFor();
  for (let i = 0; i < 8 && (await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))) !== 'escalation-info'; i += 1) {
    await page.keyboard.press('Tab');
  }
  await page.keyboard.type(info);
  await page.keyboard.press('Control+Enter');
}

/** The item view as core serves it to this window, to compare with what is on screen. */
export async function coreItemView(page: Page, itemId: string): Promise<ItemView> {
  return page.evaluate(async (id) => {
    const token = sessionStorage.getItem('workstation.token');
    const res = await fetch('/api/queue.item', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ itemId: id }),
    });
    return (await res.json()) as ItemView;
  }, itemId);
}
