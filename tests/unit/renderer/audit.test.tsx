// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppealView, AuditRow, CallInput, ChainReport, QaItem } from '../../../electron/api';
import { App } from '../../../renderer/components/App';
import { LocaleProvider } from '../../../renderer/i18n/context';
import { createStores, StoresProvider } from '../../../renderer/state/stores';
import { emptyAuditStatus, FakeWorkstation } from './fakeWorkstation';

afterEach(cleanup);

// happy-dom lays nothing out: give elements a size so the virtualised table has rows to show.
const sized = { clientHeight: 600, clientWidth: 1200, offsetHeight: 600, offsetWidth: 1200 } as const;
const names = Object.keys(sized) as Array<keyof typeof sized>;
const original = names.map(
  (name) => Object.getOwnPropertyDescriptor(HTMLElement.prototype, name) ?? Object.getOwnPropertyDescriptor(Element.prototype, name),
);
beforeAll(() => {
  for (const name of names) Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => sized[name] });
});
afterAll(() => {
  names.forEach((name, i) =>
    original[i]
      ? Object.defineProperty(HTMLElement.prototype, name, original[i])
      : delete (HTMLElement.prototype as unknown as Record<string, unknown>)[name],
  );
});

const members = [
  { id: 'u-mina', username: 'mod1', displayName: 'Mina Moderator', role: 'moderator' as const },
  { id: 'u-omar', username: 'mod2', displayName: 'Omar Haddad', role: 'moderator' as const },
];

function row(n: number): AuditRow {
  return {
    id: `d-${n}`,
    itemId: `i-${n}`,
    moderatorId: n % 2 === 0 ? 'u-mina' : 'u-omar',
    moderatorName: n % 2 === 0 ? 'Mina Moderator' : 'Omar Haddad',
    action: 'remove',
    reasonCode: 'SPAM-1',
    category: 'spam',
    queue: 'user_report',
    severity: 'low',
    decidedAt: new Date(Date.UTC(2025, 4, 1) - n * 60_000).toISOString(),
    handlingMs: 1000 + n,
    note: n % 3 === 0 ? 'phishing link' : null,
    outcome: 'unreviewed',
    bankCategory: null,
    classifierBand: 'none',
    groomingLevel: 'none',
    clearReveals: 0,
    clearMs: 0,
  };
}

/** A fake log of 250 rows that pages by a cursor that is just the next offset, and records every query. */
function withLog(api: FakeWorkstation): Array<CallInput<'audit.log'>> {
  const queries: Array<CallInput<'audit.log'>> = [];
  const all = Array.from({ length: 250 }, (_, i) => row(i));
  api.audit['audit.status'] = () => ({
    ...emptyAuditStatus,
    team: { id: 'team-north', name: 'North', members },
    decisions: 250,
    filterValues: { categories: ['spam'], reasonCodes: ['SPAM-1'], bankCategories: [] },
  });
  api.audit['audit.log'] = (input) => {
    queries.push(input);
    const start = input.cursor === undefined ? 0 : Number(input.cursor);
    const limit = input.limit ?? 100;
    const matching = input.filter?.moderatorId ? all.filter((r) => r.moderatorId === input.filter!.moderatorId) : all;
    const rows = matching.slice(start, start + limit);
    return { rows, nextCursor: start + limit < matching.length ? String(start + limit) : null, total: matching.length };
  };
  return queries;
}

async function openAsSupervisor(api: FakeWorkstation) {
  render(
    <LocaleProvider locale="en">
      <StoresProvider stores={createStores(api)}>
        <App />
      </StoresProvider>
    </LocaleProvider>,
  );
  fireEvent.click(await screen.findByTestId('demo-account-sup1'));
  await screen.findByTestId('audit-workspace');
}

describe('the audit log section', () => {
  it('sends every filter and the full-text search with the query, from the first page again', async () => {
    const api = new FakeWorkstation();
    const queries = withLog(api);
    await openAsSupervisor(api);
    await screen.findAllByTestId('log-row');
    fireEvent.change(screen.getByTestId('filter-moderatorId'), { target: { value: 'u-mina' } });
    fireEvent.change(screen.getByTestId('filter-action'), { target: { value: 'remove' } });
    fireEvent.change(screen.getByTestId('filter-bankCategory'), { target: { value: 'none' } });
    fireEvent.change(screen.getByTestId('filter-classifierBand'), { target: { value: 'high' } });
    fireEvent.change(screen.getByTestId('filter-text'), { target: { value: 'phishing' } });
    await waitFor(() =>
      expect(queries.at(-1)?.filter).toEqual({
        moderatorId: 'u-mina',
        action: 'remove',
        bankCategory: 'none',
        classifierBand: 'high',
        text: 'phishing',
      }),
    );
    expect(queries.at(-1)?.cursor).toBeUndefined();
    fireEvent.click(screen.getByTestId('sort-handlingMs'));
    await waitFor(() => expect(queries.at(-1)?.sort).toEqual({ by: 'handlingMs', direction: 'desc' }));
  });

  it('asks for the next page by the cursor of the last one as the table scrolls, never by offset', async () => {
    const api = new FakeWorkstation();
    const queries = withLog(api);
    await openAsSupervisor(api);
    await screen.findAllByTestId('log-row');
    expect(queries.map((q) => q.cursor)).toEqual([undefined]);
    const scroller = screen.getByTestId('log-scroller');
    act(() => {
      scroller.scrollTop = 100 * 34 - 300;
      fireEvent.scroll(scroller);
    });
    await waitFor(() => expect(queries.map((q) => q.cursor)).toEqual([undefined, '100']));
    expect(screen.getByTestId('log-total').textContent).toContain('250 decisions match, 200 loaded');
  });

  it('moves the selection by keys and opens the history of the selected decision without media', async () => {
    const api = new FakeWorkstation();
    withLog(api);
    const asked: string[] = [];
    api.audit['audit.detail'] = ({ decisionId }) => {
      asked.push(decisionId);
      return {
        row: row(Number(decisionId.slice(2))),
        item: { kind: 'post', locale: 'en', text: 'Win a phone' },
        history: [
          { kind: 'decision', at: '2025-05-01T00:00:00.000Z', by: 'Omar Haddad', action: 'remove', reasonCode: 'SPAM-1', text: null, outcome: null },
        ],
        chain: null,
      };
    };
    await openAsSupervisor(api);
    await screen.findAllByTestId('log-row');
    const scroller = screen.getByTestId('log-scroller');
    fireEvent.keyDown(scroller, { key: 'ArrowDown' });
    fireEvent.keyDown(scroller, { key: 'Enter' });
    const detail = await screen.findByTestId('log-detail');
    expect(asked).toEqual(['d-1']);
    expect(detail.textContent).toContain('No media is shown');
    expect(detail.querySelector('img')).toBeNull();
  });
});

describe('the QA section', () => {
  it('hides the original decision until the re-review is recorded', async () => {
    const api = new FakeWorkstation();
    withLog(api);
    const blind: QaItem = {
      sampleId: 's1',
      decisionId: 'd-4',
      position: 0,
      total: 1,
      item: { kind: 'post', locale: 'en', text: 'Follow me' },
      queue: 'user_report',
      signals: { bankCategory: null, classifierBand: 'low', groomingLevel: 'none' },
      state: 'blind',
      review: null,
      original: null,
      verdict: null,
    };
    const sample = {
      id: 's1',
      seed: 7,
      size: 1,
      mode: 'random' as const,
      stratifyBy: null,
      createdAt: '2025-05-01T00:00:00.000Z',
      items: [{ decisionId: 'd-4', stratum: null, state: 'blind' as const, verdict: null }],
    };
    const recorded: Array<CallInput<'qa.record'>> = [];
    api.audit['qa.samples'] = () => ({ samples: [] });
    api.audit['qa.draw'] = () => sample;
    api.audit['qa.sample'] = () => sample;
    api.audit['qa.item'] = () => blind;
    api.audit['qa.record'] = (input) => {
      recorded.push(input);
      return {
        ...blind,
        state: 'recorded',
        review: { action: input.action, reasonCode: input.reasonCode, note: null, reviewedAt: '2025-05-01T00:00:00.000Z' },
        original: { action: 'approve', reasonCode: null, note: 'fine', moderatorName: 'Mina Moderator', decidedAt: '2025-04-30T00:00:00.000Z' },
      };
    };
    await openAsSupervisor(api);
    fireEvent.keyDown(window, { key: '3' });
    fireEvent.click(await screen.findByTestId('qa-draw'));
    const item = await screen.findByTestId('qa-item');
    expect(item.textContent).not.toContain('Mina Moderator');
    expect(screen.queryByTestId('qa-original')).toBeNull();
    expect(screen.getByTestId('qa-blind').textContent).toContain('stays hidden');
    fireEvent.click(screen.getByLabelText('Remove'));
    fireEvent.change(screen.getByTestId('qa-reason'), { target: { value: 'SPAM-1' } });
    fireEvent.click(screen.getByTestId('qa-record'));
    expect((await screen.findByTestId('qa-original')).textContent).toContain('Mina Moderator');
    expect(recorded).toEqual([{ sampleId: 's1', decisionId: 'd-4', action: 'remove', reasonCode: 'SPAM-1', note: null }]);
    expect(screen.getByTestId<HTMLButtonElement>('qa-overturn').disabled).toBe(true);
  });
});

describe('appeals and the chain', () => {
  it('offers no decision on an appeal of the reviewer’s own decision, and says why', async () => {
    const api = new FakeWorkstation();
    withLog(api);
    const appeal = (id: string, decidable: boolean): AppealView => ({
      id,
      decisionId: `d-${id}`,
      itemId: `i-${id}`,
      moderatorId: 'x',
      moderatorName: decidable ? 'Omar Haddad' : 'Sam Supervisor',
      statement: 'It was a joke.',
      createdAt: '2025-05-01T00:00:00.000Z',
      original: { action: 'remove', reasonCode: 'HATE-1' },
      status: 'open',
      outcome: null,
      reason: null,
      decidable,
      notDecidableReason: decidable ? null : 'This is an appeal of your own decision; a reviewer other than the one who decided must decide it.',
    });
    api.audit['appeals.list'] = () => ({ appeals: [appeal('a1', false), appeal('a2', true)] });
    await openAsSupervisor(api);
    fireEvent.keyDown(window, { key: '5' });
    const [own, other] = await screen.findAllByTestId('appeal');
    expect(within(own!).queryByTestId('appeal-decide')).toBeNull();
    expect(within(own!).getByTestId('appeal-not-decidable').textContent).toContain('your own decision');
    expect(within(other!).getByTestId('appeal-decide')).toBeTruthy();
  });

  it('shows the verify result: intact, or the first broken link with expected and found', async () => {
    const api = new FakeWorkstation();
    withLog(api);
    const intact: ChainReport = { ok: true, checked: 12, workstations: 1, head: { seq: 12, hash: 'a'.repeat(64) }, firstBreak: null };
    const broken: ChainReport = {
      ok: false,
      checked: 40,
      workstations: 3,
      head: null,
      firstBreak: {
        recordId: 'hist-d-000372',
        workstationId: 'ws-mod3',
        position: 41,
        problem: 'hash',
        expected: 'e'.repeat(64),
        found: 'f'.repeat(64),
      },
    };
    api.audit['chain.verify'] = () => intact;
    api.audit['audit.verifyTeam'] = () => broken;
    await openAsSupervisor(api);
    fireEvent.keyDown(window, { key: '6' });
    fireEvent.click(await screen.findByTestId('chain-verify'));
    const [own, team] = await screen.findAllByTestId('chain-result');
    expect(own!.textContent).toContain('Intact: 12 records');
    expect(team!.getAttribute('data-ok')).toBe('false');
    expect(team!.textContent).toContain('hist-d-000372');
    expect(team!.textContent).toContain('position 41');
    expect(team!.textContent).toContain('e'.repeat(64));
  });
});

describe('a moderator’s corrections', () => {
  it('announces new corrections after a sync and lists them with the reason', async () => {
    const api = new FakeWorkstation();
    let corrections: Array<{
      id: string;
      decisionId: string;
      itemId: string;
      source: 'qa';
      action: 'approve';
      reasonCode: null;
      reason: string;
      correctedBy: string;
      correctedAt: string;
      seen: boolean;
    }> = [];
    api.audit['corrections.mine'] = () => ({ corrections, unseen: corrections.filter((c) => !c.seen).length });
    api.audit['corrections.seen'] = () => {
      corrections = corrections.map((c) => ({ ...c, seen: true }));
      return { ok: true as const };
    };
    render(
      <LocaleProvider locale="de">
        <StoresProvider stores={createStores(api)}>
          <App />
        </StoresProvider>
      </LocaleProvider>,
    );
    fireEvent.click(await screen.findByTestId('demo-account-mod1'));
    await screen.findByTestId('signed-in-account');
    expect(screen.queryByTestId('corrections-button')).toBeNull();
    corrections = [
      {
        id: 'c1',
        decisionId: 'd1',
        itemId: 'item-9',
        source: 'qa',
        action: 'approve',
        reasonCode: null,
        reason: 'Satire, erlaubt.',
        correctedBy: 'Sam Supervisor',
        correctedAt: '2025-05-01T00:00:00.000Z',
        seen: false,
      },
    ];
    act(() => api.emit({ type: 'corrections.changed', unseen: 1 }));
    const button = await screen.findByTestId('corrections-button');
    expect(button.textContent).toBe('1 neue Korrekturen');
    fireEvent.click(button);
    expect((await screen.findByTestId('correction-reason')).textContent).toBe('Satire, erlaubt.');
    fireEvent.click(screen.getByText('Schließen'));
    await waitFor(() => expect(screen.getByTestId('corrections-button').textContent).toBe('Korrekturen (1)'));
  });
});
