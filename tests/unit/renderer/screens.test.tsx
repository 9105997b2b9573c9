// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../renderer/components/App';
import type { UiLocale } from '../../../renderer/i18n';
import { LocaleProvider } from '../../../renderer/i18n/context';
import { createStores, StoresProvider } from '../../../renderer/state/stores';
import { ApiError } from '../../../electron/api';
import { FakeWorkstation } from './fakeWorkstation';

afterEach(cleanup);

function renderApp(api: FakeWorkstation, locale: UiLocale = 'en') {
  return render(
    <LocaleProvider locale={locale}>
      <StoresProvider stores={createStores(api)}>
        <App />
      </StoresProvider>
    </LocaleProvider>,
  );
}

const press = (key: string, target: Element | Window = document.body) => fireEvent.keyDown(target, { key });

async function signInAsModeratorWithBatch(api: FakeWorkstation) {
  renderApp(api);
  fireEvent.click(await screen.findByTestId('demo-account-mod1'));
  await screen.findByTestId('queue-empty');
  press('p');
  await screen.findByText('Erstes Bild');
}

function currentItemId(): string | null {
  return screen.queryByTestId('item-detail')?.getAttribute('data-item-id') ?? null;
}

describe('login', () => {
  it('lists the demo accounts with name, role and username', async () => {
    renderApp(new FakeWorkstation());
    const button = await screen.findByTestId('demo-account-sup1');
    expect(button.textContent).toContain('Sam Supervisor');
    expect(button.textContent).toContain('Supervisor');
    expect(button.textContent).toContain('sup1');
    expect(button.getAttribute('aria-label')).toBe('Sign in as Sam Supervisor, Supervisor, sup1');
  });

  it('says plainly when the password is wrong', async () => {
    renderApp(new FakeWorkstation());
    fireEvent.change(await screen.findByLabelText('Username'), { target: { value: 'mod1' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'nope' } });
    fireEvent.click(screen.getByTestId('login-submit'));
    const notice = await screen.findByRole('alert');
    expect(notice.textContent).toContain('Wrong username or password.');
  });

  it('signs in with the form', async () => {
    renderApp(new FakeWorkstation());
    fireEvent.change(await screen.findByLabelText('Username'), { target: { value: 'mod1' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'pw-mod' } });
    fireEvent.click(screen.getByTestId('login-submit'));
    expect((await screen.findByTestId('signed-in-account')).textContent).toBe('Signed in as Maria Moderator (Moderator)');
  });

  it('gives supervisors a home with the audit workspace, the escalation reports a section of it, and no queue, and lets them sign out', async () => {
    const api = new FakeWorkstation();
    renderApp(api);
    fireEvent.click(await screen.findByTestId('demo-account-sup1'));
    await screen.findByTestId('home-supervisor');
    await screen.findByTestId('audit-log');
    fireEvent.keyDown(screen.getByTestId('audit-workspace'), { key: '8' });
    await screen.findByTestId('escalations-empty');
    expect(api.calls.some((c) => c.name.startsWith('queue.'))).toBe(false);
    fireEvent.click(screen.getByTestId('sign-out'));
    await screen.findByTestId('login-screen');
    expect(api.account).toBeNull();
  });

  it('speaks German when the UI language is German', async () => {
    renderApp(new FakeWorkstation(), 'de');
    expect((await screen.findByTestId('demo-account-mod1')).getAttribute('aria-label')).toBe('Anmelden als Maria Moderator, Moderator:in, mod1');
  });
});

describe('queue', () => {
  it('pulls a batch with P and shows the first item blurred and grayscale, with its context', async () => {
    const api = new FakeWorkstation();
    await signInAsModeratorWithBatch(api);

    expect(currentItemId()).toBe('item-1');
    const images = await screen.findAllByTestId('preview-image');
    expect(images).toHaveLength(2);
    for (const img of images) {
      expect(img.getAttribute('data-blur-tier')).toBe('heavy');
      expect(img.getAttribute('data-grayscale')).toBe('true');
    }
    // Core picks the tier and colour; the renderer asks for the policy's default.
    expect(api.previewRequests.every((r) => r.tier === 'default' && r.grayscale === undefined)).toBe(true);

    expect(screen.getByTestId('item-locale').textContent).toBe('Content language: German');
    expect(screen.getByTestId('item-caption').getAttribute('lang')).toBe('de');
    expect(screen.getByTestId('report-reason').textContent).toBe('Report reason: spam');
    expect(screen.getByTestId('account-age').textContent).toBe('3 days');
    expect(screen.getByTestId('account-strikes').textContent).toBe('2');
    expect(screen.getByTestId('same-account').textContent).toContain('item-3');
    expect(screen.getByTestId('batch-progress').textContent).toContain('0 of 3 done');
    expect(screen.getByTestId('lease-timer').textContent).toMatch(/^Lease: (25:00|24:5\d) left$/);
  });

  it('approves with A, moves to the next pending item and blurs its preview again', async () => {
    const api = new FakeWorkstation();
    await signInAsModeratorWithBatch(api);
    press('a');
    await waitFor(() => expect(currentItemId()).toBe('item-2'));
    // The decision goes to core behind the next item's frame.
    await waitFor(() => expect(api.decisions[0]).toMatchObject({ itemId: 'item-1', action: 'approve', reasonCode: null, note: null }));
    const [img] = await screen.findAllByTestId('preview-image');
    // The next item's preview is the one read ahead at the policy default, not asked for again.
    expect(img?.getAttribute('src')).toBe('blob:ahead/item-2/c');
    expect(img?.getAttribute('data-blur-tier')).toBe('heavy');
    expect(img?.getAttribute('data-grayscale')).toBe('true');
    expect(screen.getByTestId('undo-toast').textContent).toMatch(/^Decision recorded — U to undo \((10|9)s\)$/);
    expect(screen.getByTestId('batch-progress').textContent).toContain('1 of 3 done');
    await waitFor(() => expect(api.released).toContain('blob:fake/item-1/a/default/d'));
  });

  it('undoes the last decision with U and returns to that item', async () => {
    const api = new FakeWorkstation();
    await signInAsModeratorWithBatch(api);
    press('s');
    press('2', await screen.findByTestId('skip-picker'));
    await waitFor(() => expect(currentItemId()).toBe('item-2'));
    await waitFor(() => expect(api.decideInputs()[0]).toMatchObject({ action: 'skip', skipReason: 'needs_specialist', note: null }));
    press('u');
    await waitFor(() => expect(currentItemId()).toBe('item-1'));
    expect(api.decisions[0]?.upload).toBe('undone');
    expect(screen.queryByTestId('undo-toast')).toBeNull();
  });

  it('does not undo once the window has closed', async () => {
    const api = new FakeWorkstation();
    api.undoWindowMs = -1;
    await signInAsModeratorWithBatch(api);
    press('a');
    await waitFor(() => expect(currentItemId()).toBe('item-2'));
    press('u');
    await act(async () => undefined);
    expect(api.calls.some((c) => c.name === 'review.undo')).toBe(false);
    expect(screen.queryByTestId('undo-toast')).toBeNull();
  });

  it('ignores decision keys while typing a note; N focuses it and Esc hands keys back', async () => {
    const api = new FakeWorkstation();
    await signInAsModeratorWithBatch(api);
    const note = screen.getByTestId<HTMLTextAreaElement>('decision-note');
    press('n');
    expect(document.activeElement).toBe(note);
    press('a', note);
    press('r', note);
    fireEvent.change(note, { target: { value: '  looks like a scam  ' } });
    expect(api.decisions).toHaveLength(0);
    expect(screen.queryByTestId('reason-picker')).toBeNull();

    fireEvent.keyDown(note, { key: 'Escape' });
    expect(document.activeElement).not.toBe(note);
    press('a');
    await waitFor(() => expect(api.decisions).toHaveLength(1));
    expect(api.decisions[0]?.note).toBe('looks like a scam');
    await waitFor(() => expect(screen.getByTestId<HTMLTextAreaElement>('decision-note').value).toBe(''));
  });

  it('removes with R through a searchable reason picker; Enter confirms', async () => {
    const api = new FakeWorkstation();
    await signInAsModeratorWithBatch(api);
    press('r');
    const picker = await screen.findByTestId('reason-picker');
    const search = within(picker).getByTestId('reason-search');
    expect(document.activeElement).toBe(search);
    fireEvent.change(search, { target: { value: 'hate' } });
    expect(
      within(picker)
        .getAllByTestId('reason-option')
        .map((o) => o.getAttribute('data-code')),
    ).toEqual(['HATE-1']);
    fireEvent.keyDown(search, { key: 'Enter' });
    await waitFor(() => expect(api.decisions[0]).toMatchObject({ action: 'remove', reasonCode: 'HATE-1' }));
    expect(screen.queryByTestId('reason-picker')).toBeNull();
  });

  it('cancels the picker with Esc without deciding', async () => {
    const api = new FakeWorkstation();
    await signInAsModeratorWithBatch(api);
    press('r');
    const search = await screen.findByTestId('reason-search');
    fireEvent.keyDown(search, { key: 'Escape' });
    expect(screen.queryByTestId('reason-picker')).toBeNull();
    expect(api.decisions).toHaveLength(0);
    expect(currentItemId()).toBe('item-1');
  });

  it('escalates with E: the kind is chosen first, and the child-safety report queues only once complete', async () => {
    const api = new FakeWorkstation();
    await signInAsModeratorWithBatch(api);
    press('e');
    const chooser = await screen.findByTestId('escalate-chooser');
    expect(screen.queryByTestId('escalation-form')).toBeNull();
    press('1', chooser);

    const form = await screen.findByTestId('escalation-form');
    await within(form).findByTestId('escalation-reported');
    expect(within(form).getByTestId('escalation-reported').textContent).toContain('@alpha');
    expect(within(form).getByTestId<HTMLSelectElement>('escalation-reason').value).toBe('CSE-1');
    const viewed = within(form).getAllByTestId('file-viewed');
    expect(viewed.map((v) => v.textContent)).toEqual(['no', 'no']);
    expect(viewed[0]?.tagName).toBe('OUTPUT');

    fireEvent.keyDown(form, { key: 'Enter', ctrlKey: true });
    const problems = await within(form).findByTestId('escalation-problems');
    expect(problems.textContent).toContain('Incident type: required, still empty');
    expect(api.decisions).toHaveLength(0);

    fireEvent.change(within(form).getByTestId('escalation-incident-type'), {
      target: { value: 'Online Enticement of Children for Sexual Acts' },
    });
    fireEvent.change(within(form).getByTestId('escalation-when'), { target: { value: '2025-05-01T00:00:00Z' } });
    fireEvent.change(within(form).getByTestId('escalation-info'), { target: { value: 'Hash and caption' } });
    fireEvent.keyDown(form, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(api.decisions[0]).toMatchObject({ itemId: 'item-1', action: 'escalate', reasonCode: 'CSE-1' }));
    expect(api.drafts[0]?.status).toBe('queued');
    await waitFor(() => expect(currentItemId()).toBe('item-2'));
    expect(screen.queryByTestId('escalation-form')).toBeNull();
  });

  it('says when the batch is done and pulls another with P', async () => {
    const api = new FakeWorkstation();
    await signInAsModeratorWithBatch(api);
    for (const next of ['item-2', 'item-3']) {
      press('a');
      await waitFor(() => expect(currentItemId()).toBe(next));
    }
    press('a');
    expect((await screen.findByTestId('batch-done')).textContent).toContain('Press P to pull another batch.');
    expect(screen.getByTestId('batch-progress').textContent).toContain('3 of 3 done');
    press('a');
    await act(async () => undefined);
    expect(api.decisions).toHaveLength(3);
    press('p');
    await waitFor(() => expect(currentItemId()).toBe('item-1'));
    expect(api.leases).toBe(2);
  });

  it('keeps the sync pill current from sync.status events', async () => {
    const api = new FakeWorkstation();
    await signInAsModeratorWithBatch(api);
    expect(screen.getByTestId('sync-pill').textContent).toContain('Online · 0 pending uploads · never synced');
    act(() =>
      api.emit({
        type: 'sync.status',
        status: {
          online: false,
          pendingUploads: 4,
          lastSyncAt: new Date(Date.now() - 120_000).toISOString(),
          lastError: 'upstream timed out',
          conflicts: [{ decisionId: 'd1', kind: 'decision', itemId: 'item-1', code: 'reassigned', message: 'Item was reassigned.' }],
        },
      }),
    );
    const pill = screen.getByTestId('sync-pill');
    expect(pill.textContent).toBe('Offline · 4 pending uploads · last sync 2 minutes ago · 1 conflicts');
    expect(pill.getAttribute('data-online')).toBe('false');
  });

  it('shows a decision core could not store as an error, keeps the item on screen, and records it when A is pressed again', async () => {
    const api = new FakeWorkstation();
    await signInAsModeratorWithBatch(api);
    const call = api.call.bind(api);
    let refuse = true;
    api.call = (async (name: Parameters<typeof call>[0], input: Parameters<typeof call>[1]) => {
      if (name === 'review.decide' && refuse) {
        refuse = false;
        throw new ApiError('internal', 'review.decide failed inside the workstation: disk I/O error');
      }
      return call(name, input);
    }) as typeof api.call;
    press('a');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('disk I/O error');
    expect(currentItemId()).toBe('item-1');
    expect(api.decisions).toHaveLength(0);
    expect(screen.queryByTestId('undo-toast')).toBeNull();
    press('a');
    await waitFor(() => expect(currentItemId()).toBe('item-2'));
    expect(api.decisions[0]).toMatchObject({ itemId: 'item-1', action: 'approve' });
  });

  it('returns to the login screen when the session is gone', async () => {
    const api = new FakeWorkstation();
    await signInAsModeratorWithBatch(api);
    api.call = async () => {
      throw new ApiError('unauthenticated', 'Sign in again.');
    };
    press('a');
    await screen.findByTestId('login-screen');
    expect(screen.getByRole('alert').textContent).toContain('Your session has ended.');
  });
});
