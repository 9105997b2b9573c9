import type { ItemView } from '../../electron/api';

type Dispatch = (name: string, input: unknown) => Promise<unknown>;

/**
 * Core refuses a decision until every image of the item is hashed and matched, so tests that
 * decide right after a lease wait for that first. Bounded, so a stuck analysis fails the test.
 */
export async function untilAnalysed(dispatch: Dispatch, itemId: string, deadlineMs = 60_000): Promise<ItemView> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const view = (await dispatch('queue.item', { itemId })) as ItemView;
    if (view.signals.media.every((m) => m.status !== 'pending')) return view;
    if (Date.now() > end) throw new Error(`Item ${itemId} was still being analysed after ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * The ids of the items a plain decision may be made on, once analysed: every item but those that
 * matched a child-safety bank (those go only through the escalation report).
 */
export async function decidableItems(dispatch: Dispatch, itemIds: readonly string[], deadlineMs = 60_000): Promise<string[]> {
  const decidable: string[] = [];
  for (const itemId of itemIds) {
    const view = await untilAnalysed(dispatch, itemId, deadlineMs);
    if (!view.signals.media.some((m) => m.bankMatches.some((b) => b.category === 'child_safety'))) decidable.push(itemId);
  }
  return decidable;
}
