import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '@workstation/protocol';
import { ApiError, type ReasonCode } from '../../../electron/api';
import type { BankMatch } from '../../../electron/api';
import { decide, type ItemReadiness, itemView, queueState, undo, type DecideInput, type ReviewDeps } from '../../../electron/core/review';
import { openStore, type Store } from '../../../electron/core/store';
import { T0, at, reviewItem, tempDir } from '../store/fixtures';

const reasonCodes: ReasonCode[] = [
  { code: 'SPAM-1', label: 'Spam', category: 'spam', description: 'd', actions: ['remove_content'] },
  { code: 'CSAE-1', label: 'Child sexual exploitation', category: 'child_safety', description: 'd', actions: ['report_ncmec'] },
];

let tmp: ReturnType<typeof tempDir>;
let store: Store;
let now: number;
let deps: ReviewDeps;
/** What analysis says of each item; an item not named here is analysed with nothing found. */
let readiness: Map<string, ItemReadiness>;
const analysed: ItemReadiness = { pendingMedia: 0, totalMedia: 1, childSafetyMatch: null };
const quiet = { bankCategory: null, classifierBand: 'none', groomingLevel: 'none' } as const;
const csMatch: BankMatch = { bank: 'demo-child-safety', category: 'child_safety', entryId: 'e-1', kind: 'pdq', distance: 0 };

const input = (itemId: string, overrides: Partial<DecideInput> = {}): DecideInput => ({
  itemId,
  action: 'approve',
  reasonCode: null,
  note: null,
  ...overrides,
});

/** The ApiError a call throws, failing the test when it throws nothing or something else. */
function thrown(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected an ApiError, nothing was thrown');
}

beforeEach(() => {
  tmp = tempDir('review');
  store = openStore(path.join(tmp.dir, 'workstation.db'));
  now = T0;
  readiness = new Map();
  deps = {
    store,
    clock: () => new Date(now),
    undoMs: 5_000,
    reasonCodes: () => reasonCodes,
    readiness: (item) => readiness.get(item.id) ?? analysed,
    signalSummary: () => quiet,
  };
  store.saveAssignment({ id: 'asg-1', accountId: 'mod-1', leasedAt: at(0), leaseExpiresAt: at(1_800_000) }, [
    reviewItem('i1', 'poster-a'),
    reviewItem('i2', 'poster-b'),
    reviewItem('i3', 'poster-a'),
    reviewItem('i4', 'poster-a'),
  ]);
});

afterEach(() => {
  store.close();
  tmp.remove();
});

describe('decide', () => {
  it('throws when the database refuses the write, leaving the item pending and nothing to upload', () => {
    const raw = new Database(path.join(tmp.dir, 'workstation.db'));
    raw.exec(`CREATE TRIGGER refuse_decisions BEFORE INSERT ON decisions BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`);
    raw.close();
    expect(() => decide(deps, 'mod-1', input('i1'))).toThrow(/disk I\/O error/);
    expect(store.item('asg-1', 'i1')?.status).toBe('pending');
    expect(store.pendingCount('mod-1')).toBe(0);
    expect(queueState(store, 'mod-1').currentItemId).toBe('i1');
  });

  it('records an approve with an undo window and returns it as undoable', () => {
    const decision = decide(deps, 'mod-1', input('i1', { note: 'fine' }));
    expect(decision).toMatchObject({
      itemId: 'i1',
      action: 'approve',
      reasonCode: null,
      note: 'fine',
      decidedAt: at(0),
      undoUntil: at(5_000),
      upload: 'undoable',
    });
    expect(store.item('asg-1', 'i1')?.status).toBe('decided');
    expect(store.pendingCount('mod-1')).toBe(1);
    expect(store.dueEntries('mod-1', at(5_000), 10)[0]?.payload).toEqual({
      idempotencyKey: decision.id,
      itemId: 'i1',
      assignmentId: 'asg-1',
      action: 'approve',
      reasonCode: null,
      note: 'fine',
      decidedAt: at(0),
      supersedes: null,
      signals: quiet,
      viewing: { clearReveals: 0, clearMs: 0 },
      chain: { workstationId: expect.stringMatching(/^ws-/), seq: 1, prevHash: GENESIS_HASH, hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
  });

  it('uploads the time from the item first shown to the decision', () => {
    itemView(store, 'mod-1', 'i1', at(0));
    now = T0 + 7_500;
    itemView(store, 'mod-1', 'i1', at(7_500));
    decide(deps, 'mod-1', input('i1'));
    expect(store.dueEntries('mod-1', at(20_000), 10)[0]?.payload).toMatchObject({ handlingMs: 7_500 });
  });

  it.each(['remove', 'escalate'] as const)('refuses %s without a reason code, on the reasonCode field, writing nothing', (action) => {
    const error = thrown(() => decide(deps, 'mod-1', input('i1', { action })));
    expect(error.toBody()).toEqual({
      code: 'bad_request',
      message: `A ${action} decision needs a reason code from the policy.`,
      field: 'reasonCode',
    });
    expect(store.pendingCount('mod-1')).toBe(0);
    expect(store.item('asg-1', 'i1')?.status).toBe('pending');
  });

  it('refuses a reason code the policy does not know, on the reasonCode field', () => {
    const error = thrown(() => decide(deps, 'mod-1', input('i1', { action: 'remove', reasonCode: 'MADE-UP' })));
    expect(error.code).toBe('bad_request');
    expect(error.field).toBe('reasonCode');
    expect(error.message).toBe('Reason code MADE-UP is not in the current policy (2 codes known).');
    expect(store.pendingCount('mod-1')).toBe(0);
  });

  it('accepts remove and escalate with a known code, and an approve or skip without one', () => {
    expect(decide(deps, 'mod-1', input('i1', { action: 'remove', reasonCode: 'SPAM-1' })).reasonCode).toBe('SPAM-1');
    expect(decide(deps, 'mod-1', input('i2', { action: 'escalate', reasonCode: 'SPAM-1' })).action).toBe('escalate');
    expect(decide(deps, 'mod-1', input('i3', { action: 'skip', skipReason: 'not_my_language' })).action).toBe('skip');
    expect(store.item('asg-1', 'i3')?.status).toBe('skipped');
    expect(store.pendingCount('mod-1')).toBe(3);
  });

  it('refuses an item that is not in the current batch as not_found on itemId', () => {
    const error = thrown(() => decide(deps, 'mod-1', input('elsewhere')));
    expect(error.toBody()).toEqual({ code: 'not_found', message: 'Item elsewhere is not in your current batch.', field: 'itemId' });
  });

  it('refuses every item to an account with no batch', () => {
    expect(thrown(() => decide(deps, 'mod-2', input('i1'))).code).toBe('not_found');
    expect(store.item('asg-1', 'i1')?.status).toBe('pending');
  });

  it('only sees the latest batch: items of an older assignment are not_found', () => {
    store.saveAssignment({ id: 'asg-2', accountId: 'mod-1', leasedAt: at(1_000), leaseExpiresAt: at(1_900_000) }, [reviewItem('j1')]);
    expect(thrown(() => decide(deps, 'mod-1', input('i1'))).code).toBe('not_found');
    expect(decide(deps, 'mod-1', input('j1')).itemId).toBe('j1');
  });

  it('records a second decision on the same item as a correction that supersedes the first', () => {
    const first = decide(deps, 'mod-1', input('i1'));
    now += 60_000;
    const second = decide(deps, 'mod-1', input('i1', { action: 'remove', reasonCode: 'SPAM-1' }));

    expect(second.id).not.toBe(first.id);
    const payloads = store.dueEntries('mod-1', at(10 * 60_000), 10).map((e) => e.payload as { idempotencyKey: string; supersedes: string | null });
    expect(payloads.map((p) => [p.idempotencyKey, p.supersedes])).toEqual([
      [first.id, null],
      [second.id, first.id],
    ]);
    expect(itemView(store, 'mod-1', 'i1', at(60_000)).decision?.id).toBe(second.id);
    // Both are kept: the first still uploads, the correction follows it.
    expect(store.decision(first.id, at(60_000))?.upload).toBe('queued');
  });

  it('a decision after an undo is a fresh one, not a correction', () => {
    const first = decide(deps, 'mod-1', input('i1'));
    undo(deps, 'mod-1', first.id);
    const again = decide(deps, 'mod-1', input('i1', { action: 'skip', skipReason: 'technical_problem' }));
    const payload = store.dueEntries('mod-1', at(60_000), 10).map((e) => e.payload as { idempotencyKey: string; supersedes: string | null });
    expect(payload).toEqual([expect.objectContaining({ idempotencyKey: again.id, supersedes: null })]);
  });
});

describe('what decide refuses (issue 8: core refuses what the UI only hides)', () => {
  const nothingWritten = () => {
    expect(store.pendingCount('mod-1')).toBe(0);
    expect(store.item('asg-1', 'i1')?.status).toBe('pending');
  };

  it('refuses every decision while the item is still being analysed, as a conflict that says so', () => {
    readiness.set('i1', { pendingMedia: 1, totalMedia: 2, childSafetyMatch: null });
    for (const attempt of [
      input('i1'),
      input('i1', { action: 'remove', reasonCode: 'SPAM-1' }),
      input('i1', { action: 'skip', skipReason: 'needs_specialist', note: 'unsure' }),
      input('i1', { action: 'escalate', reasonCode: 'SPAM-1' }),
    ]) {
      const error = thrown(() => decide(deps, 'mod-1', attempt));
      expect([error.code, error.field]).toEqual(['conflict', 'itemId']);
      expect(error.message).toContain('still being analysed (1 of 2 images');
    }
    nothingWritten();
    readiness.set('i1', analysed);
    expect(decide(deps, 'mod-1', input('i1')).action).toBe('approve');
  });

  it('on a child-safety match refuses approve, remove, escalate without a report and a skip for another reason', () => {
    readiness.set('i1', { pendingMedia: 0, totalMedia: 1, childSafetyMatch: csMatch });
    for (const attempt of [
      input('i1'),
      input('i1', { action: 'remove', reasonCode: 'SPAM-1' }),
      input('i1', { action: 'escalate', reasonCode: 'SPAM-1' }),
      input('i1', { action: 'skip', skipReason: 'not_my_language' }),
      input('i1', { action: 'skip', skipReason: 'needs_specialist' }),
      input('i1', { action: 'skip', skipReason: 'needs_specialist', note: '   ' }),
    ]) {
      const error = thrown(() => decide(deps, 'mod-1', attempt));
      expect(error.code).toBe('conflict');
      expect(error.message).toContain("matched the child-safety hash bank 'demo-child-safety'");
      expect(error.message).toContain('needs_specialist');
    }
    nothingWritten();
  });

  it('on a child-safety match hands the item back for a specialist when the skip says why', () => {
    readiness.set('i1', { pendingMedia: 0, totalMedia: 1, childSafetyMatch: csMatch });
    const handedBack = decide(deps, 'mod-1', input('i1', { action: 'skip', skipReason: 'needs_specialist', note: 'not cleared for this queue' }));
    expect(handedBack).toMatchObject({ action: 'skip', note: 'Skipped: needs_specialist — not cleared for this queue' });
  });

  it('refuses a child-safety reason on any plain decision: it is filed only through the report', () => {
    for (const action of ['remove', 'escalate'] as const) {
      const error = thrown(() => decide(deps, 'mod-1', input('i1', { action, reasonCode: 'CSAE-1' })));
      expect([error.code, error.field]).toEqual(['conflict', 'reasonCode']);
      expect(error.message).toContain('Escalate, child safety');
    }
    nothingWritten();
  });

  it('needs a skip reason with skip and refuses one with anything else', () => {
    const missing = thrown(() => decide(deps, 'mod-1', input('i1', { action: 'skip' })));
    expect([missing.code, missing.field]).toEqual(['bad_request', 'skipReason']);
    const stray = thrown(() => decide(deps, 'mod-1', input('i1', { skipReason: 'not_my_language' })));
    expect([stray.code, stray.field]).toEqual(['bad_request', 'skipReason']);
    nothingWritten();
    expect(decide(deps, 'mod-1', input('i1', { action: 'skip', skipReason: 'not_my_language' })).note).toBe('Skipped: not_my_language');
  });
});

describe('undo', () => {
  it('inside the window returns the item to the queue', () => {
    const d = decide(deps, 'mod-1', input('i1'));
    now += 4_999;
    expect(undo(deps, 'mod-1', d.id)).toEqual({ itemId: 'i1' });
    expect(queueState(store, 'mod-1').currentItemId).toBe('i1');
    expect(store.pendingCount('mod-1')).toBe(0);
  });

  it('after the window is refused as a conflict that says what to do instead', () => {
    const d = decide(deps, 'mod-1', input('i1'));
    now += 5_000;
    const error = thrown(() => undo(deps, 'mod-1', d.id));
    expect(error.toBody()).toEqual({
      code: 'conflict',
      message: 'The undo window has closed; record a correcting decision instead.',
      field: 'decisionId',
    });
    expect(store.pendingCount('mod-1')).toBe(1);
  });

  it('undoing a decision that a correction already superseded leaves the item decided by the correction', () => {
    const first = decide(deps, 'mod-1', input('i1'));
    now += 1_000;
    const correction = decide(deps, 'mod-1', input('i1', { action: 'remove', reasonCode: 'SPAM-1' }));
    now += 1_000;
    expect(undo(deps, 'mod-1', first.id)).toEqual({ itemId: 'i1' });

    expect(store.item('asg-1', 'i1')?.status).toBe('decided');
    expect(queueState(store, 'mod-1').currentItemId).toBe('i2');
    expect(itemView(store, 'mod-1', 'i1', at(2_000)).decision?.id).toBe(correction.id);
    expect(store.pendingCount('mod-1')).toBe(1);
  });

  it('maps the other refusals to not_found, forbidden and conflict', () => {
    const d = decide(deps, 'mod-1', input('i1'));
    expect(thrown(() => undo(deps, 'mod-1', 'nope')).code).toBe('not_found');
    expect(thrown(() => undo(deps, 'mod-2', d.id)).code).toBe('forbidden');
    undo(deps, 'mod-1', d.id);
    expect(thrown(() => undo(deps, 'mod-1', d.id)).message).toBe('That decision was already undone.');
  });
});

describe('queueState', () => {
  it('is empty for an account without a batch', () => {
    expect(queueState(store, 'mod-2')).toEqual({ assignment: null, items: [], currentItemId: null, progress: { done: 0, total: 0 } });
  });

  it('reports progress and the first pending item in review order', () => {
    expect(queueState(store, 'mod-1')).toMatchObject({
      assignment: { id: 'asg-1', leaseExpiresAt: at(1_800_000) },
      currentItemId: 'i1',
      progress: { done: 0, total: 4 },
    });
    decide(deps, 'mod-1', input('i2'));
    expect(queueState(store, 'mod-1')).toMatchObject({ currentItemId: 'i1', progress: { done: 1, total: 4 } });
    decide(deps, 'mod-1', input('i1', { action: 'skip', skipReason: 'not_my_language' }));
    decide(deps, 'mod-1', input('i3'));
    const state = queueState(store, 'mod-1');
    expect(state).toMatchObject({ currentItemId: 'i4', progress: { done: 3, total: 4 } });
    expect(state.items.map((i) => [i.id, i.status, i.accountHandle])).toEqual([
      ['i1', 'skipped', '@poster-a'],
      ['i2', 'decided', '@poster-b'],
      ['i3', 'decided', '@poster-a'],
      ['i4', 'pending', '@poster-a'],
    ]);
    decide(deps, 'mod-1', input('i4'));
    expect(queueState(store, 'mod-1')).toMatchObject({ currentItemId: null, progress: { done: 4, total: 4 } });
  });
});

describe('itemView', () => {
  it('shows the item, its position and the other items of the same poster, not itself', () => {
    decide(deps, 'mod-1', input('i3'));
    const view = itemView(store, 'mod-1', 'i1', at(1));
    expect(view.item).toEqual(reviewItem('i1', 'poster-a'));
    expect(view.position).toBe(0);
    expect(view.status).toBe('pending');
    expect(view.decision).toBeNull();
    expect(view.sameAccount).toEqual([
      { id: 'i3', status: 'decided' },
      { id: 'i4', status: 'pending' },
    ]);
    expect(itemView(store, 'mod-1', 'i2', at(1)).sameAccount).toEqual([]);
  });

  it('carries the latest decision with its upload state at the given time', () => {
    const d = decide(deps, 'mod-1', input('i2'));
    expect(itemView(store, 'mod-1', 'i2', at(1)).decision).toMatchObject({ id: d.id, upload: 'undoable' });
    expect(itemView(store, 'mod-1', 'i2', at(5_000)).decision).toMatchObject({ id: d.id, upload: 'queued' });
  });

  it('refuses an item outside the batch as not_found', () => {
    expect(thrown(() => itemView(store, 'mod-1', 'nope', at(0))).toBody()).toEqual({
      code: 'not_found',
      message: 'Item nope is not in your current batch.',
      field: 'itemId',
    });
  });
});
