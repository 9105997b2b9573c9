// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, type ItemSignals, type ReviewItem } from '../../../electron/api';
import { App } from '../../../renderer/components/App';
import { LocaleProvider } from '../../../renderer/i18n/context';
import { createStores, StoresProvider } from '../../../renderer/state/stores';
import { FakeWorkstation, quietSignals, quietWellness } from './fakeWorkstation';
import { singleModelSignal } from '../../support/classifierSignal';

afterEach(cleanup);

const press = (key: string, init: Partial<KeyboardEventInit> = {}, target: Element | Window = document.body) =>
  fireEvent.keyDown(target, { key, ...init });

async function startBatch(api: FakeWorkstation) {
  render(
    <LocaleProvider locale="en">
      <StoresProvider stores={createStores(api)}>
        <App />
      </StoresProvider>
    </LocaleProvider>,
  );
  fireEvent.click(await screen.findByTestId('demo-account-mod1'));
  await screen.findByTestId('queue-empty');
  press('p');
  await screen.findByTestId('item-detail');
}

const shownItem = () => screen.queryByTestId('item-detail')?.getAttribute('data-item-id') ?? null;
const hex = (c: string) => c.repeat(64);

/** item-1 as a child-safety hash match on its first image. */
function childSafetySignals(item: ReviewItem): ItemSignals {
  const quiet = quietSignals(item);
  const [first, ...rest] = quiet.media;
  return {
    ...quiet,
    media: [{ ...first!, bankMatches: [{ bank: 'demo-csam', category: 'child_safety', entryId: 'e1', kind: 'pdq', distance: 4 }] }, ...rest],
  };
}

describe('signals', () => {
  it('shows classifier scores against thresholds and marks red-flag phrases with their category', async () => {
    const api = new FakeWorkstation();
    const items = (await import('./fakeWorkstation')).batchItems();
    const first = items[0]!;
    api.signals.set('item-1', {
      ...quietSignals(first),
      media: quietSignals(first).media.map((m, i) =>
        i === 0 && m.classifier && 'scores' in m.classifier
          ? {
              ...m,
              classifier: singleModelSignal('nsfw-mobilenet-v2', [
                { label: 'Porn', probability: 0.91, threshold: 0.8, category: 'adult_sexual', flagged: true },
              ]),
            }
          : m,
      ),
      redFlags: [{ fieldId: 'caption', start: 0, end: 6, entryId: 'x', category: 'hate', severity: 3 }],
    });
    await startBatch(api);

    const flagged = screen.getAllByTestId('classifier-score').find((s) => s.getAttribute('data-flagged') === 'true');
    expect(flagged?.textContent).toBe('Porn: 91% (threshold 80%)flagged');
    const mark = within(screen.getByTestId('item-caption')).getByTestId('red-flag');
    expect(mark.tagName).toBe('MARK');
    expect(mark.textContent).toBe('Erstes (red flag: hate, severity 3)');
    expect(screen.getByTestId('item-caption').textContent).toContain('Bild');
    expect(screen.getByTestId('red-flag-count').textContent).toBe('Red-flag phrases: 1 (lexicon de v3)');
    expect(screen.getAllByTestId('media-signals')[0]?.textContent).toContain('No hash-bank match');
  });

  it('names each model of the cascade that ran; a score the second model replaced is muted and says so', async () => {
    const api = new FakeWorkstation();
    const first = (await import('./fakeWorkstation')).batchItems()[0]!;
    const quiet = quietSignals(first);
    const fast = [
      { label: 'Porn', probability: 0.55, threshold: 0.6, category: 'adult_nudity', flagged: false },
      { label: 'Neutral', probability: 0.4, threshold: 1, category: 'none', flagged: false },
    ];
    const slow = [{ label: 'Porn', probability: 0.92, threshold: 0.6, category: 'adult_nudity', flagged: true }];
    api.signals.set('item-1', {
      ...quiet,
      media: quiet.media.map((m, i) =>
        i === 0
          ? {
              ...m,
              classifier: {
                models: [
                  { modelId: 'fast-net', name: 'Fast net', scores: fast },
                  { modelId: 'slow-net', name: 'Slow net', scores: slow },
                ],
                scores: [
                  { ...slow[0]!, modelId: 'slow-net' },
                  { ...fast[1]!, modelId: 'fast-net' },
                ],
              },
            }
          : m,
      ),
    });
    await startBatch(api);

    const image = screen.getAllByTestId('media-signals')[0]!;
    const [fastModel, slowModel] = within(image).getAllByTestId('classifier-model');
    expect(within(fastModel!).getByText('Classifier Fast net')).toBeTruthy();
    expect(within(slowModel!).getByText('Classifier Slow net')).toBeTruthy();
    expect(slowModel!.textContent).toContain('Run because Fast net was unsure; where both give a label, this score counts');
    const replaced = within(fastModel!).getByTestId('classifier-score-replaced');
    expect([replaced.textContent, replaced.getAttribute('data-replaced-by')]).toEqual(['Porn: 55% (threshold 60%) (replaced)', 'slow-net']);
    expect(within(fastModel!).getByTestId('classifier-score').textContent).toBe('Neutral: 40% (threshold 100%)');
    const read = within(slowModel!).getByTestId('classifier-score');
    expect([read.textContent, read.getAttribute('data-flagged')]).toEqual(['Porn: 92% (threshold 60%)flagged', 'true']);
  });

  it('asks for no preview while analysis is pending, and re-reads the item until it is done', async () => {
    const api = new FakeWorkstation();
    const first = (await import('./fakeWorkstation')).batchItems()[0]!;
    const quiet = quietSignals(first);
    api.signals.set('item-1', { ...quiet, media: quiet.media.map((m) => ({ sha256: m.sha256, status: 'pending', bankMatches: [] })) });
    await startBatch(api);

    expect(screen.getAllByTestId('preview-pending')).toHaveLength(2);
    expect(screen.getByTestId('signals').getAttribute('data-pending')).toBe('true');
    expect(api.previewRequests.filter((r) => r.itemId === 'item-1')).toHaveLength(0);

    api.signals.delete('item-1');
    await waitFor(() => expect(screen.getAllByTestId('preview-image')).toHaveLength(2), { timeout: 3000 });
    expect(screen.getByTestId('signals').getAttribute('data-pending')).toBe('false');
  });

  it('asks for no preview of an item before it is on screen but the next one, read ahead at the default for core to count from the decision', async () => {
    const api = new FakeWorkstation();
    await startBatch(api);
    await waitFor(() => expect(screen.getAllByTestId('preview-image')).toHaveLength(2));
    await waitFor(() => expect(screen.getByTestId('item-detail').getAttribute('data-next-ready')).toBe('true'));
    expect(new Set(api.previewRequests.map((r) => r.itemId))).toEqual(new Set(['item-1']));
    expect(api.aheadRequests.map((r) => [r.itemId, r.tier, r.grayscale, r.frame])).toEqual([['item-2', 'default', undefined, undefined]]);
    expect(api.calls.filter((c) => c.name === 'queue.item').map((c) => (c.input as { itemId: string }).itemId)).toEqual(['item-1']);
    expect(api.calls.filter((c) => c.name === 'queue.ahead').map((c) => c.input)).toEqual([{ itemId: 'item-1' }]);
  });
});

describe('the next item, read ahead', () => {
  async function readyToDecide(api: FakeWorkstation) {
    await startBatch(api);
    await waitFor(() => expect(screen.getByTestId('item-detail').getAttribute('data-next-ready')).toBe('true'));
  }

  it('is on screen with its preview as soon as A is pressed, before core has answered the decision', async () => {
    const api = new FakeWorkstation();
    await readyToDecide(api);
    api.delays['review.decide'] = 10_000;
    press('a');
    expect(shownItem()).toBe('item-2');
    const image = screen.getByTestId<HTMLImageElement>('preview-image');
    expect(image.getAttribute('src')).toBe(`blob:ahead/item-2/${'c'.repeat(1)}`);
    expect(screen.getByTestId('batch-progress').getAttribute('data-done')).toBe('1');
    expect(api.previewRequests.filter((r) => r.itemId === 'item-2')).toEqual([]);
    expect(api.decisions).toHaveLength(0);
  });

  it('is ready when its preview arrives after a queue change (an upload, a sync) reloaded the queue meanwhile', async () => {
    const api = new FakeWorkstation();
    await readyToDecide(api);
    let release = () => {};
    api.aheadPreviewsHeld = new Promise((resolve) => (release = resolve));
    press('a');
    // The item after item-2 is read ahead once the decision is in; its preview is on its way.
    await waitFor(() => expect(api.aheadRequests.filter((r) => r.itemId === 'item-3')).toHaveLength(1));
    const reloads = api.calls.filter((c) => c.name === 'queue.state').length;
    // The change reloads the queue (once the decision is done: a change during one waits for it).
    await waitFor(() => {
      act(() => api.emit({ type: 'queue.changed' }));
      expect(api.calls.filter((c) => c.name === 'queue.state').length).toBeGreaterThan(reloads);
    });
    await act(async () => {
      release();
      await api.aheadPreviewsHeld;
    });
    await waitFor(() => expect(screen.getByTestId('item-detail').getAttribute('data-next-ready')).toBe('true'));
  });

  it('undoes with U pressed while the decision is still on its way, once core has it', async () => {
    const api = new FakeWorkstation();
    await readyToDecide(api);
    api.delays['review.decide'] = 150;
    press('a');
    expect(shownItem()).toBe('item-2');
    press('u');
    await waitFor(() => expect(shownItem()).toBe('item-1'));
    expect(api.decisions.map((d) => [d.itemId, d.upload])).toEqual([['item-1', 'undone']]);
  });

  it('undoes nothing with U pressed while a decision core then refuses is on its way, not even the decision before it', async () => {
    const api = new FakeWorkstation();
    await readyToDecide(api);
    press('a');
    await waitFor(() => expect(api.decisions).toHaveLength(1));
    await waitFor(() => expect(screen.getByTestId('item-detail').getAttribute('data-next-ready')).toBe('true'));
    api.failNext['review.decide'] = new ApiError('internal', 'The decision could not be stored: disk full.');
    press('a');
    press('u');
    await waitFor(() => expect(screen.getByTestId('error-notice').textContent).toContain('disk full'));
    expect(shownItem()).toBe('item-2');
    expect(api.decisions.map((d) => [d.itemId, d.upload])).toEqual([['item-1', 'undoable']]);
  });

  it('keeps a key pressed on the next item while the decision before it is on its way, and decides it after', async () => {
    const api = new FakeWorkstation();
    await readyToDecide(api);
    api.delays['review.decide'] = 150;
    press('a');
    expect(shownItem()).toBe('item-2');
    press('a');
    await waitFor(() =>
      expect(api.decisions.map((d) => [d.itemId, d.action])).toEqual([
        ['item-1', 'approve'],
        ['item-2', 'approve'],
      ]),
    );
    await waitFor(() => expect(shownItem()).toBe('item-3'));
  });

  it('gives way to the item again, with core’s reason and the note as typed, when core does not store the decision', async () => {
    const api = new FakeWorkstation();
    await readyToDecide(api);
    fireEvent.change(screen.getByTestId('decision-note'), { target: { value: 'looks fine' } });
    api.failNext['review.decide'] = new ApiError('internal', 'The decision could not be stored: disk full.');
    press('a');
    await waitFor(() => expect(screen.getByTestId('error-notice').textContent).toContain('The decision could not be stored: disk full.'));
    expect(shownItem()).toBe('item-1');
    expect(screen.getByTestId<HTMLTextAreaElement>('decision-note').value).toBe('looks fine');
    expect(api.decisions).toHaveLength(0);
    expect(screen.getByTestId('batch-progress').getAttribute('data-done')).toBe('0');
  });
});

describe('a child-safety hash match', () => {
  it('is never asked for, shows what matched, and allows only its report, which E opens without viewing', async () => {
    const api = new FakeWorkstation();
    const first = (await import('./fakeWorkstation')).batchItems()[0]!;
    api.signals.set('item-1', childSafetySignals(first));
    await startBatch(api);

    expect(screen.getByTestId('child-safety-placeholder').textContent).toBe(
      'Matched child-safety hash bank demo-csam (distance 4) — not shown; escalate without viewing',
    );
    expect(api.previewRequests.some((r) => r.sha256 === hex('a'))).toBe(false);
    expect(screen.getByTestId('decision-bar').getAttribute('data-mode')).toBe('childSafety');
    for (const command of ['approve', 'remove', 'enforce', 'toggleSelect']) {
      expect(screen.getByTestId<HTMLButtonElement>(`decide-${command}`).disabled).toBe(true);
    }
    press('a');
    press('r');
    press('f');
    press('x');
    press('A', { shiftKey: true });
    await act(async () => undefined);
    expect(api.decisions).toHaveLength(0);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByTestId('selection-summary')).toBeNull();

    press(' ');
    await act(async () => undefined);
    expect(api.reveals.some((r) => r.sha256 === hex('a'))).toBe(false);
    fireEvent.keyUp(document.body, { key: ' ' });

    press('e');
    press('1', {}, await screen.findByTestId('escalate-chooser'));
    const form = await screen.findByTestId('escalation-form');
    expect(form.getAttribute('data-kind')).toBe('child_safety');
    expect((await within(form).findByTestId<HTMLSelectElement>('escalation-reason')).value).toBe('CSE-1');
    expect(screen.queryByTestId('reason-picker')).toBeNull();
  });
});

describe('reveals and steps, decided by core', () => {
  it('asks core for the policy default first, then for the tier 1/2/3 names and colour with G', async () => {
    const api = new FakeWorkstation();
    await startBatch(api);
    await waitFor(() => expect(screen.getAllByTestId('preview-image')).toHaveLength(2));
    expect(api.previewRequests.map((r) => [r.tier, r.grayscale])).toEqual([
      ['default', undefined],
      ['default', undefined],
    ]);
    // What core says the default is, is what the screen says it shows.
    expect(screen.getAllByTestId('preview-image')[0]?.getAttribute('data-blur-tier')).toBe('heavy');
    press('3');
    await waitFor(() => expect(screen.getAllByTestId('preview-image')[0]?.getAttribute('data-blur-tier')).toBe('light'));
    expect(api.previewRequests.slice(2).map((r) => [r.tier, r.sha256[0]])).toEqual([
      ['light', 'a'],
      ['light', 'b'],
    ]);
    press('1');
    press('g');
    await waitFor(() => expect(screen.getAllByTestId('preview-image')[0]?.getAttribute('data-grayscale')).toBe('false'));
    expect(api.previewRequests.at(-1)).toMatchObject({ tier: 'heavy', grayscale: false });

    press('a');
    await waitFor(() => expect(shownItem()).toBe('item-2'));
    const [img] = await screen.findAllByTestId('preview-image');
    expect(img?.getAttribute('data-blur-tier')).toBe('heavy');
    expect(img?.getAttribute('data-grayscale')).toBe('true');
    // The next item starts at the policy default again: the preview read ahead, not asked for again.
    expect(api.aheadRequests.filter((r) => r.itemId === 'item-2').map((r) => r.tier)).toEqual(['default']);
    expect(api.previewRequests.filter((r) => r.itemId === 'item-2')).toEqual([]);
  });

  it('shows core’s reason when it refuses a step, and goes back to what it served', async () => {
    const api = new FakeWorkstation();
    api.refusePreview = (r) =>
      r.tier === 'light'
        ? new ApiError('forbidden', "'light' is lighter than the lightest step the wellness policy allows for Grooming (S2), 'medium'.")
        : null;
    await startBatch(api);
    await waitFor(() => expect(screen.getAllByTestId('preview-image')).toHaveLength(2));
    press('3');
    const problem = await screen.findByTestId('viewing-problem');
    expect(problem.textContent).toBe("Not shown: 'light' is lighter than the lightest step the wellness policy allows for Grooming (S2), 'medium'.");
    expect(screen.getAllByTestId('preview-image')[0]?.getAttribute('data-blur-tier')).toBe('heavy');
    press('2');
    await waitFor(() => expect(screen.getAllByTestId('preview-image')[0]?.getAttribute('data-blur-tier')).toBe('medium'));
    expect(screen.queryByTestId('viewing-problem')).toBeNull();
  });

  it('shows the whole item clear only while Space is held, under a logged reveal core closes', async () => {
    const api = new FakeWorkstation();
    await startBatch(api);
    press(' ');
    await waitFor(() => expect(screen.getAllByTestId('preview-clear')).toHaveLength(2));
    expect(api.reveals.map((r) => r.kind)).toEqual(['hold_full', 'hold_full']);
    expect(screen.getAllByTestId('preview-clear')[0]?.getAttribute('src')).toMatch(/^blob:clear\/item-1\//);
    press(' ', { repeat: true });
    fireEvent.keyUp(document.body, { key: ' ' });
    await waitFor(() => expect(screen.queryByTestId('preview-clear')).toBeNull());
    await waitFor(() => expect(api.reveals.every((r) => r.ended)).toBe(true));
    expect(api.reveals).toHaveLength(2);
    expect(api.released.filter((u) => u.startsWith('blob:clear/'))).toHaveLength(2);
  });

  it('asks core for a lens image where the pointer is, under a hover reveal, and never holds a clear image', async () => {
    const api = new FakeWorkstation();
    await startBatch(api);
    const [frame] = await screen.findAllByTestId('preview-frame');
    fireEvent.pointerEnter(frame!, { clientX: 0, clientY: 0 });
    const lens = await screen.findByTestId('preview-lens');
    expect(lens.getAttribute('src')).toMatch(/^blob:lens\/item-1\/a\/rv1\//);
    expect(lens.getAttribute('style')).toBeNull();
    expect(api.reveals).toEqual([expect.objectContaining({ kind: 'hover_region', itemId: 'item-1', ended: false })]);
    const lensRequests = api.previewRequests.filter((r) => r.lens !== undefined);
    expect(lensRequests[0]).toMatchObject({ tier: 'default', revealId: 'rv1', lens: { r: 0.12 } });
    expect(api.previewRequests.some((r) => r.tier === 'clear')).toBe(false);
    fireEvent.pointerLeave(frame!);
    await waitFor(() => expect(api.reveals[0]?.ended).toBe(true));
    expect(screen.queryByTestId('preview-lens')).toBeNull();
    expect(api.released.filter((u) => u.startsWith('blob:lens/'))).toHaveLength(1);
  });

  it('puts a warning screen before an image the policy announces; V shows it', async () => {
    const api = new FakeWorkstation();
    const [first] = (await import('./fakeWorkstation')).batchItems();
    const quiet = quietWellness(first!);
    api.wellness.set('item-1', { ...quiet, media: quiet.media.map((m) => ({ ...m, severity: 'S2', warning: 'Violent threats' })) });
    await startBatch(api);
    const screens = await screen.findAllByTestId('warning-screen');
    expect(screens[0]?.textContent).toContain('Possible Violent threats. The image is shown only when you choose.');
    expect(api.previewRequests).toEqual([]);
    press('v');
    await waitFor(() => expect(screen.getAllByTestId('preview-image')).toHaveLength(2));
  });
});

describe('multi-item actions, enforcement and corrections', () => {
  it('selects items of one account with X and approves them together with Shift+A', async () => {
    const api = new FakeWorkstation();
    await startBatch(api);
    press('x');
    press('ArrowDown');
    await waitFor(() => expect(shownItem()).toBe('item-2'));
    press('ArrowDown');
    await waitFor(() => expect(shownItem()).toBe('item-3'));
    press('x');
    expect(screen.getByTestId('selection-summary').textContent).toBe('2 selected from @alpha');
    press('A', { shiftKey: true });
    await waitFor(() =>
      expect(api.decisions.map((d) => [d.itemId, d.action])).toEqual([
        ['item-1', 'approve'],
        ['item-3', 'approve'],
      ]),
    );
    await waitFor(() => expect(shownItem()).toBe('item-2'));
    expect(screen.queryByTestId('selection-summary')).toBeNull();
  });

  it('opens the enforcement menu with F, offering only what the reason code allows', async () => {
    const api = new FakeWorkstation();
    await startBatch(api);
    press('f');
    const menu = await screen.findByTestId('enforcement-menu');
    const reason = within(menu).getByTestId<HTMLSelectElement>('enforcement-reason');
    fireEvent.change(reason, { target: { value: 'HATE-1' } });
    const action = within(menu).getByTestId<HTMLSelectElement>('enforcement-action');
    expect([...action.options].map((o) => o.value)).toEqual(['remove_content', 'warn_user', 'suspend_account']);
    fireEvent.change(action, { target: { value: 'suspend_account' } });
    fireEvent.change(within(menu).getByTestId('enforcement-days'), { target: { value: '30' } });
    fireEvent.click(within(menu).getByTestId('enforcement-apply'));
    await waitFor(() => expect(api.actions).toHaveLength(1));
    expect(api.actions[0]).toMatchObject({
      kind: 'account',
      action: 'suspend_account',
      accountId: 'acct-alpha',
      itemIds: ['item-1'],
      reasonCode: 'HATE-1',
      params: { suspensionDays: 30 },
    });
    expect((await screen.findByTestId('status-toast')).textContent).toBe('Suspend the account recorded for upload');
  });

  it('corrects a decided item: look back with the arrow key, decide again', async () => {
    const api = new FakeWorkstation();
    await startBatch(api);
    press('a');
    await waitFor(() => expect(shownItem()).toBe('item-2'));
    await waitFor(() => expect(api.decisions).toHaveLength(1));
    press('ArrowUp');
    await waitFor(() => expect(shownItem()).toBe('item-1'));
    expect((await screen.findByTestId('correcting')).textContent).toContain('This item is Decided.');
    press('r');
    const search = await screen.findByTestId('reason-search');
    fireEvent.change(search, { target: { value: 'spam' } });
    fireEvent.keyDown(search, { key: 'Enter' });
    await waitFor(() =>
      expect(api.decisions.map((d) => [d.itemId, d.action])).toEqual([
        ['item-1', 'approve'],
        ['item-1', 'remove'],
      ]),
    );
    await waitFor(() => expect(shownItem()).toBe('item-2'));
  });

  it('skips with a reason chosen by number, sent as skipReason with the note as typed', async () => {
    const api = new FakeWorkstation();
    await startBatch(api);
    press('n');
    fireEvent.change(screen.getByTestId('decision-note'), { target: { value: 'Finnish' } });
    fireEvent.keyDown(screen.getByTestId('decision-note'), { key: 'Escape' });
    press('s');
    const picker = await screen.findByTestId('skip-picker');
    expect(
      within(picker)
        .getAllByTestId('skip-reason')
        .map((b) => b.textContent),
    ).toEqual(['1 Not my language', '2 Needs a specialist', '3 Technical problem']);
    press('1', {}, picker);
    await waitFor(() =>
      expect(api.decideInputs()[0]).toEqual({ itemId: 'item-1', action: 'skip', reasonCode: null, skipReason: 'not_my_language', note: 'Finnish' }),
    );
  });

  it('says clearly when the lease is expiring or expired', async () => {
    const api = new FakeWorkstation();
    api.leaseState = 'expiring';
    await startBatch(api);
    expect(screen.getByTestId('lease-timer').getAttribute('data-lease-state')).toBe('expiring');
    expect(screen.getByTestId('lease-timer').textContent).toMatch(/^Lease renewal failing: \d+:\d\d left$/);
    api.leaseState = 'expired';
    act(() => api.emit({ type: 'queue.changed' }));
    expect((await screen.findByTestId('lease-expired')).textContent).toContain('Press P to pull a new batch.');
  });
});
