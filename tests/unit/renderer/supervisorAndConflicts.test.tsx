// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../renderer/components/App';
import { ESCALATION_REFRESH_MS } from '../../../renderer/components/EscalationList';
import type { UiLocale } from '../../../renderer/i18n';
import { LocaleProvider } from '../../../renderer/i18n/context';
import { createStores, StoresProvider } from '../../../renderer/state/stores';
import type { EscalationDraft, SyncStatus } from '../../../electron/api';
import { FakeWorkstation } from './fakeWorkstation';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function renderApp(api: FakeWorkstation, locale: UiLocale = 'en') {
  return render(
    <LocaleProvider locale={locale}>
      <StoresProvider stores={createStores(api)}>
        <App />
      </StoresProvider>
    </LocaleProvider>,
  );
}

function draft(draftId: string, fields: Partial<EscalationDraft>): EscalationDraft {
  return {
    draftId,
    itemId: 'item-1',
    kind: 'child_safety',
    status: 'draft',
    reportId: null,
    reasonCode: null,
    report: {},
    problems: [],
    createdAt: '2025-05-01T08:00:00.000Z',
    updatedAt: '2025-05-01T08:00:00.000Z',
    ...fields,
  };
}

const listCalls = (api: FakeWorkstation) => api.calls.filter((c) => c.name === 'escalation.list').length;

async function signIn(api: FakeWorkstation, username: string) {
  renderApp(api);
  fireEvent.click(await screen.findByTestId(`demo-account-${username}`));
}

describe('supervisor home', () => {
  it('lists escalation reports newest first with kind, readable status, report id and time', async () => {
    const api = new FakeWorkstation();
    api.drafts = [
      draft('draft-1', { itemId: 'item-1', status: 'queued', updatedAt: '2025-05-01T08:00:00.000Z' }),
      draft('draft-2', {
        itemId: 'item-2',
        kind: 'law_enforcement',
        status: 'acknowledged',
        reportId: 'R-77',
        updatedAt: '2025-05-02T09:30:00.000Z',
      }),
    ];
    api.preservations.set('draft-2', {
      status: 'acknowledged',
      requestedAt: '2025-05-02T08:00:00.000Z',
      acknowledgedAt: '2025-05-02T09:30:00.000Z',
      expiresAt: '2026-05-02T08:00:00.000Z',
    });
    await signIn(api, 'sup1');
    fireEvent.click(await screen.findByTestId('tab-escalations'));
    const table = await screen.findByRole('table', { name: 'Escalation reports on this workstation, newest first' });
    const rows = within(table).getAllByTestId('escalation-row');
    expect(rows.map((r) => r.getAttribute('data-draft-id'))).toEqual(['draft-2', 'draft-1']);
    const cells = (row: HTMLElement) => [...row.children].map((c) => c.textContent);
    expect(cells(rows[0]!).slice(0, 5)).toEqual(['item-2', 'Law enforcement', 'Acknowledged', 'R-77', 'Acknowledged, kept until May 2, 2026']);
    expect(cells(rows[1]!).slice(0, 5)).toEqual(['item-1', 'Child safety', 'Queued', 'not yet assigned', 'not yet confirmed by the upstream']);
    expect(rows[0]!.querySelector('time')?.getAttribute('dateTime')).toBe('2025-05-02T09:30:00.000Z');
    const region = screen.getByRole('region', { name: 'Escalation reports on this workstation, newest first' });
    expect(region.tabIndex).toBe(0);
  });

  it('speaks German in the list', async () => {
    const api = new FakeWorkstation();
    api.drafts = [draft('draft-1', { status: 'submitted' })];
    renderApp(api, 'de');
    fireEvent.click(await screen.findByTestId('demo-account-sup1'));
    fireEvent.click(await screen.findByTestId('tab-escalations'));
    const row = await screen.findByTestId('escalation-row');
    expect(row.textContent).toContain('Kinderschutz');
    expect(row.textContent).toContain('Übermittelt');
  });

  it('refreshes on a sync.status event and every 15 seconds', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const api = new FakeWorkstation();
    await signIn(api, 'sup1');
    fireEvent.click(await screen.findByTestId('tab-escalations'));
    await screen.findByTestId('escalations-empty');
    const before = listCalls(api);

    api.drafts = [draft('draft-1', { status: 'submitted', reportId: 'R-1' })];
    act(() => api.emit({ type: 'sync.status', status: api.syncStatus }));
    expect((await screen.findByTestId('escalation-row')).textContent).toContain('Submitted');
    expect(listCalls(api)).toBe(before + 1);

    api.drafts[0]!.status = 'acknowledged';
    await act(async () => {
      await vi.advanceTimersByTimeAsync(ESCALATION_REFRESH_MS);
    });
    expect(screen.getByTestId('escalation-row').textContent).toContain('Acknowledged');
    expect(listCalls(api)).toBe(before + 2);
  });

  it('gives the wellness lead no escalation list', async () => {
    const api = new FakeWorkstation();
    await signIn(api, 'well1');
    const home = await screen.findByTestId('home-wellness_lead');
    expect(within(home).getByRole('tablist')).toBeTruthy();
    expect(screen.queryByTestId('escalation-list')).toBeNull();
    expect(api.calls.some((c) => c.name === 'escalation.list')).toBe(false);
  });
});

const conflicted: SyncStatus = {
  online: true,
  pendingUploads: 0,
  lastSyncAt: null,
  lastError: null,
  conflicts: [
    { decisionId: 'd1', kind: 'decision', itemId: 'item-1', code: 'reassigned', message: 'Item was reassigned.' },
    { decisionId: 'a2', kind: 'action', itemId: 'item-2', code: 'already_actioned', message: 'Account already suspended.' },
  ],
  stuck: [],
};

/** One decision the upstream has failed on five times, for the last three minutes; nothing refused. */
function stuckStatus(): SyncStatus {
  return {
    online: true,
    pendingUploads: 3,
    lastSyncAt: null,
    lastError: null,
    conflicts: [],
    stuck: [
      {
        uploadId: 'd7',
        kind: 'decision',
        itemId: 'item-7',
        attempts: 5,
        message: 'the server failed on this request',
        since: new Date(Date.now() - 3 * 60_000).toISOString(),
      },
    ],
  };
}

describe('sync pill', () => {
  it('says Upload problem, not Online, while an upload is stuck, and the dialog lists it with its reason', async () => {
    const api = new FakeWorkstation();
    api.syncStatus = stuckStatus();
    await signIn(api, 'mod1');
    const opener = await screen.findByRole('button', { name: '1 stuck' });
    const pill = screen.getByTestId('sync-pill');
    expect(pill.textContent).toBe('Upload problem · 3 pending uploads · never synced · 1 stuck');
    expect(pill.getAttribute('data-state')).toBe('problem');
    fireEvent.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'Upload problems' });
    const section = within(dialog).getByRole('region', { name: 'Not arriving' });
    const [entry] = within(section).getAllByTestId('stuck-upload');
    expect(entry!.getAttribute('data-item-id')).toBe('item-7');
    expect(entry!.textContent).toContain('Failed attempts5');
    expect(entry!.textContent).toContain('the server failed on this request');
    expect(entry!.textContent).toContain('3 minutes ago');
    expect(within(dialog).queryByRole('region', { name: 'Refused' })).toBeNull();
  });

  it('says Upload problem while uploads were refused, and Online once nothing is stuck or refused', async () => {
    const api = new FakeWorkstation();
    api.syncStatus = conflicted;
    await signIn(api, 'mod1');
    await screen.findByTestId('sync-conflicts');
    expect(screen.getByTestId('sync-pill').textContent).toBe('Upload problem · 0 pending uploads · never synced · 2 conflicts');
    act(() => api.emit({ type: 'sync.status', status: { ...conflicted, conflicts: [] } }));
    expect(screen.getByTestId('sync-pill').textContent).toBe('Online · 0 pending uploads · never synced');
    act(() => api.emit({ type: 'sync.status', status: { ...stuckStatus(), conflicts: conflicted.conflicts } }));
    expect(screen.getByRole('button', { name: '1 stuck, 2 conflicts' })).toBeTruthy();
  });

  it('keeps saying Offline when offline, whatever else is wrong', async () => {
    const api = new FakeWorkstation();
    api.syncStatus = { ...stuckStatus(), online: false };
    await signIn(api, 'mod1');
    await screen.findByTestId('sync-conflicts');
    expect(screen.getByTestId('sync-pill').textContent).toMatch(/^Offline · /);
  });

  it('speaks German', async () => {
    const api = new FakeWorkstation();
    api.syncStatus = { ...stuckStatus(), conflicts: conflicted.conflicts };
    renderApp(api, 'de');
    fireEvent.click(await screen.findByTestId('demo-account-mod1'));
    const opener = await screen.findByRole('button', { name: '1 hängen fest, 2 Konflikte' });
    expect(screen.getByTestId('sync-pill').textContent).toMatch(/^Upload-Problem · 3 ausstehende Uploads/);
    fireEvent.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'Upload-Probleme' });
    expect(within(dialog).getByRole('region', { name: 'Kommen nicht an' }).textContent).toContain('vor 3 Minuten');
    expect(within(dialog).getByRole('region', { name: 'Abgelehnt' })).toBeTruthy();
  });
});

describe('sync conflicts dialog', () => {
  it('opens from the conflicts count, lists each refused upload, and Esc returns focus', async () => {
    const api = new FakeWorkstation();
    api.syncStatus = conflicted;
    await signIn(api, 'mod1');
    const opener = await screen.findByRole('button', { name: '2 conflicts' });
    opener.focus();
    fireEvent.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'Upload problems' });
    const entries = within(dialog).getAllByTestId('conflict');
    expect(entries.map((e) => e.getAttribute('data-item-id'))).toEqual(['item-1', 'item-2']);
    expect(entries[0]!.textContent).toContain('reassigned');
    expect(entries[1]!.textContent).toContain('Account already suspended.');
    expect(document.activeElement).toBe(within(dialog).getByTestId('conflicts-close'));
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('opens with C for a moderator, but not while typing', async () => {
    const api = new FakeWorkstation();
    api.syncStatus = conflicted;
    await signIn(api, 'mod1');
    await screen.findByTestId('sync-conflicts');
    const input = document.createElement('input');
    document.body.append(input);
    fireEvent.keyDown(input, { key: 'c' });
    expect(screen.queryByTestId('conflicts-dialog')).toBeNull();
    input.remove();
    fireEvent.keyDown(document.body, { key: 'c' });
    expect(screen.getByTestId('conflicts-dialog')).toBeTruthy();
    fireEvent.click(screen.getByTestId('conflicts-close'));
    expect(screen.queryByTestId('conflicts-dialog')).toBeNull();
  });

  it('shows no conflicts control when there are none', async () => {
    const api = new FakeWorkstation();
    await signIn(api, 'mod1');
    await waitFor(() => expect(screen.getByTestId('sync-pill').textContent).toMatch(/^Online · /));
    fireEvent.keyDown(document.body, { key: 'c' });
    expect(screen.queryByTestId('sync-conflicts')).toBeNull();
    expect(screen.queryByTestId('conflicts-dialog')).toBeNull();
  });
});
