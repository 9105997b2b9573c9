import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, type EscalationDraft, type ReviewItem } from '../../../electron/api';
import { listEscalations, openDraft, submitDraft, updateDraft } from '../../../electron/core/escalation';
import { beginReveal, clearServed } from '../../../electron/core/reveal';
import { at, reviewItem } from '../store/fixtures';
import { bytesOf, escalationWorld, itemWithImage, md5Of, rejectionOf, thrownBy } from './fixtures';

let world: ReturnType<typeof escalationWorld>;
let flagged: ReviewItem;
let other: ReviewItem;
const session = { accountId: 'mod-1', token: 'token' };

function localRows<T>(sql: string): T[] {
  const db = new Database(world.store.file, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

const open = (itemId = flagged.id, kind: 'child_safety' | 'law_enforcement' = 'child_safety') => openDraft(world.deps, session, { itemId, kind });
const description = { additionalInfo: 'Known CSAM hash match, confirmed from the match details without viewing.' };

beforeEach(() => {
  world = escalationWorld('drafts');
  // An earlier batch with another item of the same account, so related items reach beyond this batch.
  world.store.saveAssignment({ id: 'asg-0', accountId: 'mod-1', leasedAt: at(-10_000), leaseExpiresAt: at(0) }, [reviewItem('old-1', 'acct-bad')]);
  flagged = {
    ...itemWithImage(world.store, 'i1', 'acct-bad'),
    createdAt: '2025-02-20T08:30:00.000Z',
    kind: 'direct_message',
    thread: [
      { id: 'm1', fromHandle: '@acct-bad', toHandle: '@acct-kid', text: 'hi', sentAt: '2025-02-20T08:30:00.000Z' },
      { id: 'm2', fromHandle: '@acct-kid', toHandle: '@acct-bad', text: 'hello', sentAt: '2025-02-20T08:31:00.000Z' },
      { id: 'm3', fromHandle: '@acct-bad', toHandle: '@stranger', text: 'also you', sentAt: '2025-02-20T08:32:00.000Z' },
    ],
  };
  other = itemWithImage(world.store, 'i2', 'acct-kid');
  world.store.saveAssignment({ id: 'asg-1', accountId: 'mod-1', leasedAt: at(0), leaseExpiresAt: at(1_800_000) }, [
    flagged,
    other,
    reviewItem('i3', 'acct-bad'),
  ]);
  const sha256 = flagged.media[0]!.sha256;
  world.matches.set(sha256, [
    { bank: 'demo-child-safety', category: 'child_safety', entryId: 'cs-1', kind: 'pdq', distance: 4 },
    { bank: 'previously-actioned', category: 'previously_actioned', entryId: 'pa-1', kind: 'sha256', distance: 0 },
  ]);
});
afterEach(() => world.close());

describe('escalation.open prefill', () => {
  it('fills the report from the item, its signals, its account, the account’s other items and the thread’s other parties', async () => {
    const draft = await open();
    const sha256 = flagged.media[0]!.sha256;
    expect(draft).toMatchObject({ itemId: 'i1', kind: 'child_safety', status: 'draft', reportId: null, reasonCode: 'CSAE-1' });
    expect(draft.report).toEqual({
      kind: 'child_safety',
      itemId: 'i1',
      incidentSummary: {
        incidentType: 'Child Pornography (possession, manufacture, and distribution)',
        incidentDateTime: '2025-02-20T08:30:00.000Z',
      },
      personOrUserReported: {
        espIdentifier: 'acct-bad',
        screenName: '@acct-bad',
        displayName: 'acct-bad',
        profileUrl: 'https://platform.example/@@acct-bad',
        profileBio: '',
      },
      files: [
        {
          itemId: 'i1',
          sha256,
          md5: md5Of(bytesOf('i1')),
          pdq: sha256.split('').reverse().join(''),
          fileViewedByEsp: false,
          exifViewedByEsp: false,
          fileRelevance: 'Reported',
          bankMatch: { bank: 'demo-child-safety', category: 'child_safety', distance: 4 },
        },
      ],
      relatedItems: ['i3', 'old-1'],
      relatedAccounts: [
        { espIdentifier: 'acct-kid', screenName: '@acct-kid', relationship: 'other party in the direct-message thread of item i1' },
        { screenName: '@stranger', relationship: 'other party in the direct-message thread of item i1' },
      ],
    });
    // What only the moderator can supply, or what this workstation cannot know, is listed.
    expect(draft.problems.map((p) => p.path)).toEqual(['additionalInfo', 'relatedAccounts.1.espIdentifier']);
  });

  it('returns the same draft on a second open, with what was typed', async () => {
    const first = await open();
    updateDraft(world.deps, 'mod-1', { draftId: first.draftId, patch: { report: description } });
    const again = await open();
    expect(again.draftId).toBe(first.draftId);
    expect(again.report).toMatchObject(description);
  });

  it('prefills a law-enforcement referral with the reason code allowing it', async () => {
    const draft = await open('i2', 'law_enforcement');
    expect(draft).toMatchObject({
      kind: 'law_enforcement',
      reasonCode: 'TERR-1',
      report: { kind: 'law_enforcement', imminent: true, incidentSummary: { incidentDateTime: other.createdAt } },
    });
    expect(draft.problems.map((p) => p.path)).toEqual(['threatSummary', 'additionalInfo']);
  });

  it('refuses an item outside the batch', async () => {
    const error = await rejectionOf(open('nowhere'));
    expect(error).toMatchObject({ code: 'not_found', field: 'itemId' });
  });
});

describe('fileViewedByEsp comes from the reveal log', () => {
  const sha = () => other.media[0]!.sha256;
  const viewed = async () => ((await open('i2')).report.files ?? []).map((f) => f?.fileViewedByEsp);

  it('is false when a reveal began but the clear image was never served', async () => {
    beginReveal(world.deps, 'mod-1', { itemId: 'i2', sha256: sha(), kind: 'hold_full' });
    expect(await viewed()).toEqual([false]);
  });

  it('is true once a clear image was served under a logged reveal', async () => {
    const { revealId } = beginReveal(world.deps, 'mod-1', { itemId: 'i2', sha256: sha(), kind: 'hover_region' });
    clearServed(world.deps, revealId);
    expect(await viewed()).toEqual([true]);
  });
});

describe('escalation.update', () => {
  it('merges a patch leniently and lists what is still wrong', async () => {
    const draft = await open();
    const updated = updateDraft(world.deps, 'mod-1', {
      draftId: draft.draftId,
      patch: { reasonCode: 'HATE-1', report: { ...description, incidentSummary: { incidentType: 'Not a type' }, relatedAccounts: [] } },
    });
    expect(updated.report.incidentSummary).toEqual({ incidentType: 'Not a type', incidentDateTime: '2025-02-20T08:30:00.000Z' });
    expect(updated.problems.map((p) => p.path)).toEqual(['reasonCode', 'incidentSummary.incidentType']);
    expect(updated.problems[0]?.message).toMatch(/HATE-1 does not allow report_ncmec/);
    const cleared = updateDraft(world.deps, 'mod-1', { draftId: draft.draftId, patch: { report: { incidentSummary: { incidentType: null } } } });
    expect(cleared.report.incidentSummary).toEqual({ incidentDateTime: '2025-02-20T08:30:00.000Z' });
  });

  it('keeps the draft’s identity and refuses another moderator', async () => {
    const draft = await open();
    const kind = thrownBy(() => updateDraft(world.deps, 'mod-1', { draftId: draft.draftId, patch: { report: { kind: 'law_enforcement' } } }));
    expect(kind).toMatchObject({ code: 'bad_request', field: 'patch.report.kind' });
    const item = thrownBy(() => updateDraft(world.deps, 'mod-1', { draftId: draft.draftId, patch: { report: { itemId: 'i2' } } }));
    expect(item).toMatchObject({ code: 'bad_request', field: 'patch.report.itemId' });
    const foreign = thrownBy(() => updateDraft(world.deps, 'mod-2', { draftId: draft.draftId, patch: { report: description } }));
    expect(foreign).toMatchObject({ code: 'not_found', field: 'draftId' });
  });
});

describe('escalation.submit', () => {
  const ready = async (): Promise<EscalationDraft> => {
    const draft = await open();
    return updateDraft(world.deps, 'mod-1', { draftId: draft.draftId, patch: { report: { ...description, relatedAccounts: [] } } });
  };
  const outbox = () =>
    localRows<{ kind: string; payload: string; state: string }>('SELECT kind, payload, state FROM outbox ORDER BY created_at, rowid');

  it('names the first missing field and writes nothing', async () => {
    const draft = await open();
    const error = thrownBy(() => submitDraft(world.deps, 'mod-1', draft.draftId));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'bad_request', field: 'report.additionalInfo' });
    expect((error as ApiError).message).toMatch(/report\.additionalInfo is missing or invalid.*and 1 more problems/);
    expect(outbox()).toEqual([]);
    expect(world.store.escalationDraft(draft.draftId)?.status).toBe('draft');
  });

  it('waits for the analysis: an item whose images are still being hashed cannot be escalated yet', async () => {
    const draft = await ready();
    world.pending.add(flagged.media[0]!.sha256);
    const error = thrownBy(() => submitDraft(world.deps, 'mod-1', draft.draftId));
    expect(error).toMatchObject({ code: 'conflict', field: 'itemId' });
    expect((error as ApiError).message).toContain('still being analysed');
    expect(outbox()).toEqual([]);
    world.pending.clear();
    expect(submitDraft(world.deps, 'mod-1', draft.draftId).status).toBe('queued');
  });

  it('files a child-safety match only as child safety, never as a law-enforcement referral', async () => {
    expect(await rejectionOf(open(flagged.id, 'law_enforcement'))).toMatchObject({ code: 'conflict', field: 'kind' });
    // A draft of another kind opened before the match arrived cannot be submitted after it.
    const sha256 = flagged.media[0]!.sha256;
    const matches = world.matches.get(sha256)!;
    world.matches.delete(sha256);
    const referral = await open(flagged.id, 'law_enforcement');
    world.matches.set(sha256, matches);
    expect(thrownBy(() => submitDraft(world.deps, 'mod-1', referral.draftId))).toMatchObject({ code: 'conflict', field: 'kind' });
    expect(outbox()).toEqual([]);
  });

  it('refuses a reason code that does not allow the mandated actions', async () => {
    const draft = await ready();
    updateDraft(world.deps, 'mod-1', { draftId: draft.draftId, patch: { reasonCode: 'NUD-1' } });
    expect(thrownBy(() => submitDraft(world.deps, 'mod-1', draft.draftId))).toMatchObject({ code: 'bad_request', field: 'reasonCode' });
    expect(outbox()).toEqual([]);
  });

  it('queues the escalate decision, remove + terminate and the report, in that order, and pins the evidence', async () => {
    const draft = await ready();
    const summary = submitDraft(world.deps, 'mod-1', draft.draftId);
    expect(summary).toMatchObject({ draftId: draft.draftId, itemId: 'i1', kind: 'child_safety', status: 'queued', reportId: null });
    const entries = outbox().map((e) => ({ kind: e.kind, payload: JSON.parse(e.payload) as Record<string, unknown> }));
    expect(entries.map((e) => [e.kind, e.payload.action ?? ('report' in e.payload ? 'report' : null)])).toEqual([
      ['decision', 'escalate'],
      ['action', 'remove_content'],
      ['action', 'terminate_account'],
      ['report', 'report'],
    ]);
    expect(entries[1]?.payload).toMatchObject({ kind: 'content', itemIds: ['i1'], accountId: 'acct-bad', reasonCode: 'CSAE-1' });
    expect(entries[2]?.payload).toMatchObject({ kind: 'account', itemIds: ['i1'], accountId: 'acct-bad', reasonCode: 'CSAE-1' });
    expect(entries[3]?.payload).toEqual({ idempotencyKey: draft.draftId, report: { ...draft.report } });
    // Submitting is the confirmation: the decision is not held back for an undo.
    expect(world.store.dueEntries('mod-1', at(0), 10)).toHaveLength(4);
    expect(world.store.latestDecisionForItem('asg-1', 'i1', at(0))).toMatchObject({ action: 'escalate', reasonCode: 'CSAE-1', upload: 'queued' });
    expect(world.store.item('asg-1', 'i1')?.status).toBe('decided');
    expect(world.store.isPinned(flagged.media[0]!.sha256)).toBe(true);
    expect(world.store.isPinned(other.media[0]!.sha256)).toBe(false);
    expect(thrownBy(() => submitDraft(world.deps, 'mod-1', draft.draftId))).toMatchObject({ code: 'conflict' });
    expect(thrownBy(() => updateDraft(world.deps, 'mod-1', { draftId: draft.draftId, patch: { report: description } }))).toMatchObject({
      code: 'conflict',
    });
  });

  it('is one transaction: a failure while queuing the report leaves no decision, action or pin behind', async () => {
    const draft = await ready();
    const failing = {
      ...world.deps,
      store: {
        ...world.store,
        queueEscalationReport: () => {
          throw new Error('disk full');
        },
      },
    };
    expect(thrownBy(() => submitDraft(failing, 'mod-1', draft.draftId))).toMatchObject({ message: 'disk full' });
    expect(outbox()).toEqual([]);
    expect(localRows('SELECT id FROM decisions')).toEqual([]);
    expect(localRows('SELECT id FROM enforcement_actions')).toEqual([]);
    expect(world.store.item('asg-1', 'i1')?.status).toBe('pending');
    expect(world.store.isPinned(flagged.media[0]!.sha256)).toBe(false);
    expect(submitDraft(world.deps, 'mod-1', draft.draftId).status).toBe('queued');
  });

  it('releases the pins only when the upstream acknowledges the report', async () => {
    const draft = await ready();
    submitDraft(world.deps, 'mod-1', draft.draftId);
    const sha256 = flagged.media[0]!.sha256;
    expect(world.store.recordReportStatuses([{ idempotencyKey: draft.draftId, reportId: 'rep-1', status: 'received' }], at(1))).toBe(1);
    expect(world.store.escalationDraft(draft.draftId)).toMatchObject({ status: 'submitted', reportId: 'rep-1' });
    expect(world.store.isPinned(sha256)).toBe(true);
    expect(world.store.recordReportStatuses([{ idempotencyKey: draft.draftId, reportId: 'rep-1', status: 'received' }], at(2))).toBe(0);
    expect(world.store.recordReportStatuses([{ idempotencyKey: draft.draftId, reportId: 'rep-1', status: 'acknowledged' }], at(3))).toBe(1);
    expect(world.store.escalationDraft(draft.draftId)?.status).toBe('acknowledged');
    expect(world.store.isPinned(sha256)).toBe(false);
    expect(world.store.reportsAwaitingAcknowledgement('mod-1')).toBe(0);
  });
});

describe('escalation.list', () => {
  it('shows a moderator their own escalations and a supervisor everyone’s', async () => {
    const mine = await open();
    world.store.saveAssignment({ id: 'asg-2', accountId: 'mod-2', leasedAt: at(1), leaseExpiresAt: at(1_800_000) }, [reviewItem('i9', 'acct-9')]);
    const theirs = await openDraft(world.deps, { accountId: 'mod-2', token: 't' }, { itemId: 'i9', kind: 'law_enforcement' });
    expect(listEscalations(world.deps, { id: 'mod-1', role: 'moderator' }).escalations.map((e) => e.draftId)).toEqual([mine.draftId]);
    expect(new Set(listEscalations(world.deps, { id: 'sup-1', role: 'supervisor' }).escalations.map((e) => e.draftId))).toEqual(
      new Set([mine.draftId, theirs.draftId]),
    );
    expect(listEscalations(world.deps, { id: 'mod-1', role: 'moderator' }).escalations[0]).toEqual({
      draftId: mine.draftId,
      itemId: 'i1',
      kind: 'child_safety',
      status: 'draft',
      reportId: null,
      preservation: null,
      updatedAt: at(0),
    });
  });
});
