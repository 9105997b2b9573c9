// @vitest-environment happy-dom
/**
 * The safety holes of issue 8, each pinned from the moderator's side: what a key does, what the
 * screen says, and what the renderer sent to core.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ItemSignals, ReviewItem } from '../../../electron/api';
import { App } from '../../../renderer/components/App';
import { LocaleProvider } from '../../../renderer/i18n/context';
import { createStores, StoresProvider } from '../../../renderer/state/stores';
import { batchItems, directMessage, FakeWorkstation, quietSignals } from './fakeWorkstation';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const press = (key: string, target: Element = document.body, init: Partial<KeyboardEventInit> = {}) => fireEvent.keyDown(target, { key, ...init });

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
const button = (command: string) => screen.getByTestId<HTMLButtonElement>(`decide-${command}`);
const settle = () => act(async () => undefined);

function withMedia(item: ReviewItem, change: (media: ItemSignals['media'][number], index: number) => ItemSignals['media'][number]): ItemSignals {
  const quiet = quietSignals(item);
  return { ...quiet, media: quiet.media.map(change) };
}

const pending = (item: ReviewItem) => withMedia(item, (m) => ({ sha256: m.sha256, status: 'pending', bankMatches: [] }));
const childSafetyMatch = (item: ReviewItem) =>
  withMedia(item, (m, index) =>
    index === 0 ? { ...m, bankMatches: [{ bank: 'demo-csam', category: 'child_safety', entryId: 'e1', kind: 'pdq', distance: 4 }] } : m,
  );

describe('R then Enter files nothing', () => {
  it('opens the remove picker with nothing chosen; Enter only says so', async () => {
    const api = new FakeWorkstation();
    await startBatch(api);
    press('r');
    const picker = await screen.findByTestId('reason-picker');
    const search = within(picker).getByTestId('reason-search');
    expect(document.activeElement).toBe(search);
    expect(
      within(picker)
        .getAllByRole('option')
        .filter((o) => o.getAttribute('aria-selected') === 'true'),
    ).toEqual([]);
    expect(search.getAttribute('aria-activedescendant')).toBeNull();

    press('Enter', search);
    await settle();
    expect(api.decideInputs()).toEqual([]);
    expect(screen.getByTestId('reason-picker')).toBeTruthy();
    expect(within(picker).getByTestId('nothing-chosen').textContent).toBe(
      'Nothing is chosen yet, so nothing was filed. Choose a reason with the arrow keys (or type to find one), then press Enter.',
    );
    fireEvent.click(within(picker).getByTestId('reason-confirm'));
    await settle();
    expect(api.decideInputs()).toEqual([]);
  });

  it('offers child-safety codes last and never as the top match of a search', async () => {
    const api = new FakeWorkstation();
    await startBatch(api);
    press('r');
    const picker = await screen.findByTestId('reason-picker');
    expect(
      within(picker)
        .getAllByTestId('reason-option')
        .map((o) => o.getAttribute('data-code')),
    ).toEqual(['SPAM-1', 'HATE-1', 'THREAT-1', 'CSE-1']);
    const search = within(picker).getByTestId('reason-search');
    fireEvent.change(search, { target: { value: 'minors' } });
    expect(
      within(picker)
        .getAllByTestId('reason-option')
        .map((o) => o.getAttribute('data-code')),
    ).toEqual(['CSE-1']);
    press('Enter', search);
    await settle();
    expect(within(picker).getByTestId('nothing-chosen').textContent).toContain('Nothing is chosen yet');
    expect(screen.queryByTestId('escalation-form')).toBeNull();
    expect(api.decideInputs()).toEqual([]);
  });

  it('takes a second, explicit step for a child-safety code, which leads to the report, never to a bare removal', async () => {
    const api = new FakeWorkstation();
    await startBatch(api);
    press('r');
    let picker = await screen.findByTestId('reason-picker');
    press('ArrowUp', within(picker).getByTestId('reason-search'));
    expect(
      within(picker)
        .getAllByRole('option')
        .find((o) => o.getAttribute('aria-selected') === 'true')
        ?.getAttribute('data-code'),
    ).toBe('CSE-1');
    press('Enter', within(picker).getByTestId('reason-search'));

    picker = await screen.findByTestId('reason-picker');
    expect(picker.getAttribute('data-step')).toBe('child-safety');
    expect(picker.textContent).toContain('This files a child-safety report, not a removal');
    expect(picker.textContent).toContain('CSE-1 (Sexualisation of minors) is a child-safety reason.');
    // Enter on what has focus goes back; it does not confirm.
    expect(document.activeElement).toBe(within(picker).getByTestId('child-safety-back'));
    fireEvent.click(within(picker).getByTestId('child-safety-back'));
    picker = await screen.findByTestId('reason-picker');
    expect(picker.getAttribute('data-step')).toBe('choose');
    expect(api.decideInputs()).toEqual([]);

    // Back on the list the code is still the one chosen: Enter asks again, and only the confirm button goes on.
    press('Enter', within(picker).getByTestId('reason-search'));
    fireEvent.click(await screen.findByTestId('child-safety-confirm'));
    const form = await screen.findByTestId('escalation-form');
    expect(form.getAttribute('data-kind')).toBe('child_safety');
    expect((await within(form).findByTestId<HTMLSelectElement>('escalation-reason')).value).toBe('CSE-1');
    expect(api.decideInputs()).toEqual([]);
  });

  it('marks a suggestion from the item’s signals first without choosing it, and never suggests child safety', async () => {
    const api = new FakeWorkstation();
    const first = batchItems()[0]!;
    api.signals.set('item-1', {
      ...quietSignals(first),
      redFlags: [
        { fieldId: 'caption', start: 0, end: 6, entryId: 'h', category: 'hate', severity: 3 },
        { fieldId: 'caption', start: 7, end: 11, entryId: 'g', category: 'grooming', severity: 3 },
      ],
    });
    await startBatch(api);
    press('r');
    const picker = await screen.findByTestId('reason-picker');
    const options = within(picker).getAllByTestId('reason-option');
    expect(options.map((o) => [o.getAttribute('data-code'), o.getAttribute('data-suggested')])).toEqual([
      ['HATE-1', 'true'],
      ['SPAM-1', 'false'],
      ['THREAT-1', 'false'],
      ['CSE-1', 'false'],
    ]);
    expect(options[0]?.textContent).toContain('Suggested by the signals');
    expect(options.filter((o) => o.getAttribute('aria-selected') === 'true')).toEqual([]);
    press('Enter', within(picker).getByTestId('reason-search'));
    await settle();
    expect(api.decideInputs()).toEqual([]);
  });

  it('does not offer child-safety codes for several items at once', async () => {
    const api = new FakeWorkstation();
    await startBatch(api);
    press('x');
    press('R', document.body, { shiftKey: true });
    const picker = await screen.findByTestId('reason-picker');
    expect(
      within(picker)
        .getAllByTestId('reason-option')
        .map((o) => o.getAttribute('data-code')),
    ).toEqual(['SPAM-1', 'HATE-1', 'THREAT-1']);
  });
});

describe('E asks what kind of escalation first', () => {
  async function choose(api: FakeWorkstation, key: string) {
    press('e');
    const chooser = await screen.findByTestId('escalate-chooser');
    expect(screen.queryByTestId('escalation-form')).toBeNull();
    press(key, chooser);
  }

  it('opens nothing on Enter alone, and Esc cancels', async () => {
    const api = new FakeWorkstation();
    await startBatch(api);
    press('e');
    const chooser = await screen.findByTestId('escalate-chooser');
    expect(
      within(chooser)
        .getAllByTestId('escalate-choice')
        .map((c) => c.getAttribute('data-choice')),
    ).toEqual(['child_safety', 'imminent', 'referral', 'specialist']);
    press('Enter', chooser);
    await settle();
    expect(within(chooser).getByTestId('nothing-chosen').textContent).toContain('Nothing is chosen yet');
    expect(screen.queryByTestId('escalation-form')).toBeNull();
    press('Escape', chooser);
    expect(screen.queryByTestId('escalate-chooser')).toBeNull();
    expect(api.calls.some((c) => c.name === 'escalation.open')).toBe(false);
  });

  it('routes child safety, imminent harm and a referral to their forms, and arrows and Enter choose too', async () => {
    const api = new FakeWorkstation();
    await startBatch(api);

    await choose(api, '1');
    let form = await screen.findByTestId('escalation-form');
    expect(form.getAttribute('data-kind')).toBe('child_safety');
    await within(form).findByTestId('escalation-reported');
    press('Escape', form);

    await choose(api, '2');
    form = await screen.findByTestId('escalation-form');
    await within(form).findByTestId('escalation-reported');
    expect([form.getAttribute('data-kind'), form.getAttribute('data-imminent')]).toEqual(['law_enforcement', 'true']);
    expect(within(form).getByRole('heading', { level: 2 }).textContent).toBe('Law-enforcement referral: imminent harm (emergency)');
    press('Escape', form);

    press('e');
    const chooser = await screen.findByTestId('escalate-chooser');
    press('ArrowDown', chooser);
    press('ArrowDown', chooser);
    press('ArrowDown', chooser);
    expect((document.activeElement as HTMLElement).getAttribute('data-choice')).toBe('referral');
    fireEvent.click(document.activeElement as HTMLElement);
    form = await screen.findByTestId('escalation-form');
    await within(form).findByTestId('escalation-reported');
    expect([form.getAttribute('data-kind'), form.getAttribute('data-imminent')]).toEqual(['law_enforcement', 'false']);
    expect(within(form).getByRole('heading', { level: 2 }).textContent).toBe('Law-enforcement referral for investigation');
    // The referral is saved as non-imminent (core prefills an emergency).
    await waitFor(() => expect((api.drafts.find((d) => d.kind === 'law_enforcement')?.report as { imminent?: boolean }).imminent).toBe(false));
    expect(api.decideInputs()).toEqual([]);
  });

  it('routes specialist review through the reason picker to an escalate decision', async () => {
    const api = new FakeWorkstation();
    await startBatch(api);
    await choose(api, '4');
    const picker = await screen.findByTestId('reason-picker');
    expect(picker.getAttribute('data-action')).toBe('escalate');
    const search = within(picker).getByTestId('reason-search');
    fireEvent.change(search, { target: { value: 'hate' } });
    press('Enter', search);
    await waitFor(() => expect(api.decideInputs()).toEqual([{ itemId: 'item-1', action: 'escalate', reasonCode: 'HATE-1', note: null }]));
    expect(api.calls.some((c) => c.name === 'escalation.open')).toBe(false);
  });
});

describe('decisions wait for the hash-bank check', () => {
  it('keeps every decision key off while an image is analysed, says so, and turns them on at item.analysed', async () => {
    const api = new FakeWorkstation();
    api.signals.set('item-1', pending(batchItems()[0]!));
    await startBatch(api);

    expect(screen.getByTestId('decision-bar').getAttribute('data-mode')).toBe('analysing');
    expect(screen.getByTestId('analysing-banner').textContent).toBe(
      'Analysing… This item is being checked against the hash banks. The decision keys come on when the check is done.',
    );
    for (const command of ['approve', 'remove', 'escalate', 'skip', 'enforce', 'toggleSelect']) expect(button(command).disabled, command).toBe(true);
    for (const key of ['a', 'r', 'e', 's', 'f', 'x']) press(key);
    await settle();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(api.decideInputs()).toEqual([]);

    api.signals.delete('item-1');
    act(() => api.emit({ type: 'item.analysed', itemId: 'item-1' }));
    await settle();
    expect(screen.queryByTestId('analysing-banner')).toBeNull();
    for (const command of ['approve', 'remove', 'escalate', 'skip', 'enforce', 'toggleSelect']) expect(button(command).disabled, command).toBe(false);
    press('a');
    await waitFor(() => expect(api.decideInputs()).toEqual([{ itemId: 'item-1', action: 'approve', reasonCode: null, note: null }]));
  });

  it('turns multi-item approve and remove off while the selection holds an item still analysed', async () => {
    const api = new FakeWorkstation();
    await startBatch(api);
    press('x');
    expect(button('approveSelected').disabled).toBe(false);
    api.signals.set('item-1', pending(batchItems()[0]!));
    act(() => api.emit({ type: 'item.analysed', itemId: 'item-1' }));
    await waitFor(() => expect(button('approveSelected').disabled).toBe(true));
    expect(button('removeSelected').disabled).toBe(true);
    press('A', document.body, { shiftKey: true });
    await settle();
    expect(api.decideInputs()).toEqual([]);
  });
});

describe('a child-safety match offers only its report and the hand back', () => {
  it('labels E and S for what they do there and keeps everything else off', async () => {
    const api = new FakeWorkstation();
    api.signals.set('item-1', childSafetyMatch(batchItems()[0]!));
    await startBatch(api);
    expect(button('escalate').textContent).toBe('E Escalate: child-safety report');
    expect(button('skip').textContent).toBe('S Hand back for a specialist');
    expect([button('escalate').disabled, button('skip').disabled]).toEqual([false, false]);
    for (const command of ['approve', 'remove', 'enforce', 'toggleSelect']) expect(button(command).disabled, command).toBe(true);

    press('e');
    const chooser = await screen.findByTestId('escalate-chooser');
    const choices = within(chooser).getAllByTestId<HTMLButtonElement>('escalate-choice');
    expect(choices.map((c) => [c.getAttribute('data-choice'), c.disabled])).toEqual([
      ['child_safety', false],
      ['imminent', true],
      ['referral', true],
      ['specialist', false],
    ]);
    press('2', chooser);
    press('3', chooser);
    await settle();
    expect(screen.queryByTestId('escalation-form')).toBeNull();
    expect(choices[3]?.textContent).toContain('Hand back for a specialist');
    press('4', chooser);
    expect(await screen.findByTestId('hand-back')).toBeTruthy();
  });

  it('hands back with S only with a typed reason, as a needs_specialist skip', async () => {
    const api = new FakeWorkstation();
    api.signals.set('item-1', childSafetyMatch(batchItems()[0]!));
    await startBatch(api);
    press('s');
    const dialog = await screen.findByTestId('hand-back');
    expect(screen.queryByTestId('skip-picker')).toBeNull();
    press('Enter', dialog, { ctrlKey: true });
    await settle();
    expect(within(dialog).getByTestId('hand-back-missing').textContent).toContain('Type why you hand it back');
    expect(api.decideInputs()).toEqual([]);

    fireEvent.change(within(dialog).getByTestId('hand-back-reason'), { target: { value: '  Match looks wrong: a landscape photo  ' } });
    press('Enter', dialog, { ctrlKey: true });
    await waitFor(() =>
      expect(api.decideInputs()).toEqual([
        { itemId: 'item-1', action: 'skip', reasonCode: null, skipReason: 'needs_specialist', note: 'Match looks wrong: a landscape photo' },
      ]),
    );
    await waitFor(() => expect(shownItem()).toBe('item-2'));
  });
});

describe('the escalation form of a direct message', () => {
  function dmBatch(api: FakeWorkstation) {
    api.batch = () => [directMessage('item-1', 'alpha', 'stranger_fan'), ...batchItems().slice(1)];
  }

  it('names what is missing by the form’s labels, has a field for the other party’s account, and queues', async () => {
    const api = new FakeWorkstation();
    dmBatch(api);
    await startBatch(api);
    press('e');
    press('3', await screen.findByTestId('escalate-chooser'));
    const form = await screen.findByTestId('escalation-form');
    const problems = await within(form).findByTestId('escalation-problems');
    const lines = within(problems)
      .getAllByTestId('escalation-problem')
      .map((li) => li.textContent ?? '');
    expect(lines).toContain('Account ID of @stranger_fan: required, still empty');
    expect(lines).toContain('Threat summary: required, still empty');
    for (const line of lines) expect(line).not.toMatch(/relatedAccounts|\w+\.\d+\.\w+|incidentSummary|additionalInfo|threatSummary/);

    const related = within(form).getByTestId('related-account');
    expect(related.getAttribute('data-handle')).toBe('stranger_fan');
    expect(within(related).getByTestId<HTMLInputElement>('related-account-relationship').value).toBe(
      'other party in the direct-message thread of item item-1',
    );
    fireEvent.change(within(related).getByLabelText('Account ID of @stranger_fan'), { target: { value: 'acct-stranger' } });
    fireEvent.change(within(form).getByTestId('escalation-threat'), { target: { value: 'Asks to meet and threatens' } });
    fireEvent.change(within(form).getByTestId('escalation-info'), { target: { value: 'Thread attached' } });
    press('Enter', form, { ctrlKey: true });
    await waitFor(() => expect(api.drafts[0]?.status).toBe('queued'));
    expect(api.drafts[0]?.report.relatedAccounts).toEqual([
      { espIdentifier: 'acct-stranger', screenName: 'stranger_fan', relationship: 'other party in the direct-message thread of item item-1' },
    ]);
    await waitFor(() => expect(shownItem()).toBe('item-2'));
  });

  it('saves nothing once the report is sent, even when an autosave armed by typing comes due meanwhile', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const api = new FakeWorkstation();
    // Sending takes long enough for the autosave typed just before it to come due in between.
    api.delays['escalation.submit'] = 1_000;
    dmBatch(api);
    await startBatch(api);
    press('e');
    press('1', await screen.findByTestId('escalate-chooser'));
    const form = await screen.findByTestId('escalation-form');
    await within(form).findByTestId('escalation-reported');
    fireEvent.change(within(form).getByTestId('escalation-incident-type'), { target: { value: 'Online Enticement of Children for Sexual Acts' } });
    fireEvent.change(within(form).getByTestId('escalation-when'), { target: { value: '2025-05-01T00:00:00Z' } });
    fireEvent.change(within(form).getByTestId('related-account-id'), { target: { value: 'acct-stranger' } });
    fireEvent.change(within(form).getByTestId('escalation-info'), { target: { value: 'Thread attached' } });
    press('Enter', form, { ctrlKey: true });
    await waitFor(() => expect(api.calls.some((c) => c.name === 'escalation.submit')).toBe(true));
    await act(async () => {
      await vi.advanceTimersByTimeAsync(2_000);
    });
    await waitFor(() => expect(api.drafts[0]?.status).toBe('queued'));
    const submittedAt = api.calls.findIndex((c) => c.name === 'escalation.submit');
    expect(api.calls.slice(submittedAt).filter((c) => c.name === 'escalation.update')).toEqual([]);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('a lease that cannot be renewed', () => {
  it('shows a warning with the time left, counting down, until the lease is renewed', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const api = new FakeWorkstation();
    await startBatch(api);
    expect(screen.queryByTestId('lease-warning')).toBeNull();

    const expiresAt = new Date(Date.now() + 90_000).toISOString();
    api.leaseExpiresAt = expiresAt;
    act(() => api.emit({ type: 'lease.expiring', assignmentId: 'asg-1', expiresAt }));
    const warning = await screen.findByTestId('lease-warning');
    expect(warning.getAttribute('role')).toBe('alert');
    expect(warning.textContent).toContain('Renewing the lease on this batch is failing.');
    expect(within(warning).getByTestId('lease-warning-time').textContent).toMatch(/^1:(30|29) left$/);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(10_000);
    });
    expect(within(warning).getByTestId('lease-warning-time').textContent).toMatch(/^1:(20|19) left$/);

    api.leaseExpiresAt = null;
    act(() => api.emit({ type: 'queue.changed' }));
    await waitFor(() => expect(screen.queryByTestId('lease-warning')).toBeNull());
  });
});
