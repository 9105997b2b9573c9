import Database from 'better-sqlite3-multiple-ciphers';
import { readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MigrationError, openStore, type Store } from '../../../electron/core/store';
import { migrate } from '../../../electron/core/store/migrate';
import { migrations } from '../../../electron/core/store/migrations';
import { at, decisionRecord, reviewItem, tempDir, uploadOf } from './fixtures';

const repoRoot = path.resolve(import.meta.dirname, '../../..');

/** The newest schema version, read from the migration file names (NNNN-name.ts). */
const latestSchema = Math.max(
  ...readdirSync(path.join(repoRoot, 'electron/core/store/migrations'))
    .map((name) => /^(\d{4})-/.exec(name)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number),
);

let tmp: ReturnType<typeof tempDir>;
let file: string;
let store: Store;

/** A second, read-only connection: what the test sees is what is on disk, not the store's view. */
function inspect<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

const count = (table: string): number => inspect((db) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n);

const itemStatus = (itemId: string): string =>
  inspect((db) => (db.prepare(`SELECT status FROM items WHERE id = ?`).get(itemId) as { status: string }).status);

const outboxRow = (key: string) =>
  inspect(
    (db) =>
      db.prepare(`SELECT state, attempts, next_attempt_at, last_error FROM outbox WHERE idempotency_key = ?`).get(key) as
        { state: string; attempts: number; next_attempt_at: string; last_error: string | null } | undefined,
  );

function seedBatch(s: Store, ids = ['i1', 'i2', 'i3'], assignmentId = 'asg-1', accountId = 'mod-1'): void {
  s.saveAssignment(
    { id: assignmentId, accountId, leasedAt: at(0), leaseExpiresAt: at(30 * 60_000) },
    ids.map((id) => reviewItem(id)),
  );
}

beforeEach(() => {
  tmp = tempDir('store-test');
  file = path.join(tmp.dir, 'nested', 'workstation.db');
  store = openStore(file);
});

afterEach(() => {
  store.close();
  tmp.remove();
});

describe('migrations', () => {
  it('bring a new file to the latest schema version', () => {
    expect(latestSchema).toBeGreaterThanOrEqual(3);
    expect(inspect((db) => db.pragma('user_version', { simple: true }))).toBe(latestSchema);
  });

  it('run once: reopening keeps the version and the data', () => {
    seedBatch(store);
    store.close();
    store = openStore(file);
    store.close();
    store = openStore(file);
    expect(inspect((db) => db.pragma('user_version', { simple: true }))).toBe(latestSchema);
    expect(store.items('asg-1').map((i) => i.id)).toEqual(['i1', 'i2', 'i3']);
  });

  it('refuse a database from a newer app with MigrationError, and leave it untouched and closed', () => {
    const newer = path.join(tmp.dir, 'newer.db');
    const db = new Database(newer);
    db.pragma(`user_version = ${latestSchema + 7}`);
    db.close();

    const open = () => openStore(newer);
    expect(open).toThrow(MigrationError);
    expect(open).toThrow(new RegExp(`schema ${latestSchema + 7}.*newer than this app knows \\(${latestSchema}\\)`));

    const check = new Database(newer, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(latestSchema + 7);
    expect(check.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'`).get()).toEqual({ n: 0 });
    check.close();
    // A refused file must not stay open (it would hold the WAL and a descriptor until GC).
    const openDescriptors = readdirSync('/proc/self/fd').flatMap((fd) => {
      try {
        return [readlinkSync(`/proc/self/fd/${fd}`)];
      } catch {
        return [];
      }
    });
    expect(openDescriptors.filter((target) => target.startsWith(newer))).toEqual([]);
  });

  it('give outbox entries queued before item keys existed the items their payloads name', () => {
    const old = path.join(tmp.dir, 'before-items.db');
    const db = new Database(old);
    migrate(
      db,
      migrations.filter((m) => m.version <= 8),
    );
    const insert = db.prepare(
      `INSERT INTO outbox (idempotency_key, kind, account_id, payload, created_at, not_before, next_attempt_at) VALUES (?, ?, 'mod-1', ?, ?, ?, ?)`,
    );
    insert.run('d1', 'decision', JSON.stringify({ idempotencyKey: 'd1', itemId: 'x' }), at(0), at(0), at(0));
    insert.run('a1', 'action', JSON.stringify({ idempotencyKey: 'a1', itemIds: ['x', 'y'] }), at(1), at(1), at(1));
    insert.run('r1', 'report', JSON.stringify({ idempotencyKey: 'r1', report: { itemId: 'y' } }), at(2), at(2), at(2));
    insert.run('bad', 'decision', JSON.stringify({ idempotencyKey: 'bad' }), at(3), at(3), at(3));
    db.close();

    const upgraded = openStore(old);
    try {
      expect(upgraded.dueEntries('mod-1', at(0), 10).map((e) => [e.idempotencyKey, e.itemIds, e.failedAttempts])).toEqual([['d1', ['x'], 0]]);
      upgraded.scheduleRetry(['d1'], { at: at(0), nextAttemptAt: at(60_000), error: '500', countsAgainstEntries: true });
      // d1 holds back the action about x and y, which holds back the report about y; an entry
      // whose payload names no item is held back by nothing.
      expect(upgraded.dueEntries('mod-1', at(10), 10).map((e) => [e.idempotencyKey, e.itemIds])).toEqual([['bad', []]]);
      expect(upgraded.dueEntries('mod-1', at(60_000), 10).map((e) => [e.idempotencyKey, e.itemIds])).toEqual([
        ['d1', ['x']],
        ['a1', ['x', 'y']],
        ['r1', ['y']],
        ['bad', []],
      ]);
    } finally {
      upgraded.close();
    }
  });

  it('turn WAL on', () => {
    expect(inspect((db) => db.pragma('journal_mode', { simple: true }))).toBe('wal');
  });
});

describe('assignments and items', () => {
  it('keeps items in the upstream order with their payload intact', () => {
    const items = [reviewItem('b'), reviewItem('a'), reviewItem('c', 'shared')];
    store.saveAssignment({ id: 'asg-1', accountId: 'mod-1', leasedAt: at(0), leaseExpiresAt: at(1000) }, items);

    const rows = store.items('asg-1');
    expect(rows.map((r) => [r.id, r.position, r.status])).toEqual([
      ['b', 0, 'pending'],
      ['a', 1, 'pending'],
      ['c', 2, 'pending'],
    ]);
    expect(store.item('asg-1', 'c')?.item).toEqual(items[2]);
    expect(store.item('asg-1', 'c')?.platformAccountId).toBe('shared');
    expect(store.item('asg-1', 'nope')).toBeNull();
    expect(store.assignment('asg-1')).toEqual({ id: 'asg-1', accountId: 'mod-1', leasedAt: at(0), leaseExpiresAt: at(1000) });
  });

  it('saving the same assignment again renews its expiry without duplicating or resetting items', () => {
    seedBatch(store, ['i1', 'i2']);
    store.setItemStatus('asg-1', 'i1', 'decided');
    store.saveAssignment({ id: 'asg-1', accountId: 'mod-1', leasedAt: at(5), leaseExpiresAt: at(99_000) }, [reviewItem('i1'), reviewItem('i2')]);
    expect(count('items')).toBe(2);
    expect(store.item('asg-1', 'i1')?.status).toBe('decided');
    expect(store.assignment('asg-1')?.leaseExpiresAt).toBe(at(99_000));
  });

  it('latestAssignment is the most recently leased batch of that account only', () => {
    store.saveAssignment({ id: 'old', accountId: 'mod-1', leasedAt: at(0), leaseExpiresAt: at(10) }, []);
    store.saveAssignment({ id: 'new', accountId: 'mod-1', leasedAt: at(1), leaseExpiresAt: at(10) }, []);
    store.saveAssignment({ id: 'other', accountId: 'mod-2', leasedAt: at(2), leaseExpiresAt: at(10) }, []);
    expect(store.latestAssignment('mod-1')?.id).toBe('new');
    expect(store.latestAssignment('mod-2')?.id).toBe('other');
    expect(store.latestAssignment('nobody')).toBeNull();
    store.renewLease('new', at(500));
    expect(store.latestAssignment('mod-1')?.leaseExpiresAt).toBe(at(500));
  });
});

describe('recordDecision', () => {
  beforeEach(() => seedBatch(store));

  it('writes the decision, its held-back outbox entry and the item status together', () => {
    const d = decisionRecord({ id: 'd1', itemId: 'i1', action: 'remove', reasonCode: 'SPAM-1' });
    store.recordDecision(d, uploadOf(d));

    expect(store.decision('d1', at(1))).toMatchObject({ id: 'd1', action: 'remove', reasonCode: 'SPAM-1', upload: 'undoable' });
    expect(outboxRow('d1')).toMatchObject({ state: 'pending', attempts: 0, next_attempt_at: d.undoUntil });
    expect(itemStatus('i1')).toBe('decided');
    expect(store.decision('d1', d.undoUntil)?.upload).toBe('queued');
  });

  it('marks a skip as skipped, not decided', () => {
    const d = decisionRecord({ id: 'd1', itemId: 'i2', action: 'skip' });
    store.recordDecision(d, uploadOf(d));
    expect(itemStatus('i2')).toBe('skipped');
  });

  it('leaves nothing behind when the outbox write fails after the decision row went in', () => {
    // An outbox entry already holding the key makes the second insert of the transaction fail.
    const writer = new Database(file);
    writer
      .prepare(
        `INSERT INTO outbox (idempotency_key, kind, account_id, payload, created_at, not_before, next_attempt_at)
         VALUES ('d-dup', 'decision', 'mod-1', '{}', ?, ?, ?)`,
      )
      .run(at(0), at(0), at(0));
    writer.close();

    const d = decisionRecord({ id: 'd-dup', itemId: 'i1' });
    expect(() => store.recordDecision(d, uploadOf(d))).toThrow(/UNIQUE constraint failed: outbox/);
    expect(count('decisions')).toBe(0);
    expect(count('outbox')).toBe(1);
    expect(itemStatus('i1')).toBe('pending');
  });

  it('leaves nothing behind when the payload cannot be serialised', () => {
    const d = decisionRecord({ id: 'd1', itemId: 'i1' });
    expect(() => store.recordDecision(d, { bad: 1n })).toThrow(TypeError);
    expect(count('decisions')).toBe(0);
    expect(count('outbox')).toBe(0);
    expect(itemStatus('i1')).toBe('pending');
  });

  it('refuses a second decision with the same id and keeps the first intact', () => {
    const first = decisionRecord({ id: 'd1', itemId: 'i1' });
    store.recordDecision(first, uploadOf(first));
    const again = decisionRecord({ id: 'd1', itemId: 'i2', action: 'skip' });
    expect(() => store.recordDecision(again, uploadOf(again))).toThrow(/UNIQUE constraint failed: decisions/);
    expect(count('decisions')).toBe(1);
    expect(count('outbox')).toBe(1);
    expect(itemStatus('i2')).toBe('pending');
    expect(store.decision('d1', at(0))?.itemId).toBe('i1');
  });

  it('latestDecisionForItem skips undone decisions', () => {
    const first = decisionRecord({ id: 'd1', itemId: 'i1' }, 0);
    store.recordDecision(first, uploadOf(first));
    const second = decisionRecord({ id: 'd2', itemId: 'i1', action: 'skip', supersedes: 'd1' }, 10);
    store.recordDecision(second, uploadOf(second));
    expect(store.latestDecisionForItem('asg-1', 'i1', at(20))?.id).toBe('d2');
    expect(store.undoDecision('d2', 'mod-1', at(20)).ok).toBe(true);
    expect(store.latestDecisionForItem('asg-1', 'i1', at(20))?.id).toBe('d1');
  });
});

describe('undoDecision', () => {
  const d = decisionRecord({ id: 'd1', itemId: 'i1', action: 'remove', reasonCode: 'SPAM-1' }, 0, 5_000);

  beforeEach(() => {
    seedBatch(store);
    store.recordDecision(d, uploadOf(d));
  });

  it('inside the window cancels the outbox entry and returns the item to pending', () => {
    const result = store.undoDecision('d1', 'mod-1', at(4_999));
    expect(result).toMatchObject({ ok: true, decision: { id: 'd1', undoneAt: at(4_999), upload: 'undone' } });
    expect(outboxRow('d1')?.state).toBe('cancelled');
    expect(itemStatus('i1')).toBe('pending');
    expect(store.pendingCount('mod-1')).toBe(0);
    expect(store.dueEntries('mod-1', at(60_000), 10)).toEqual([]);
    expect(store.decision('d1', at(5_000))?.upload).toBe('undone');
    expect(store.undoDecision('d1', 'mod-1', at(4_999))).toEqual({ ok: false, reason: 'already_undone' });
  });

  it('at or after the end of the window is refused and changes nothing', () => {
    expect(store.undoDecision('d1', 'mod-1', at(5_000))).toEqual({ ok: false, reason: 'window_closed' });
    expect(outboxRow('d1')?.state).toBe('pending');
    expect(itemStatus('i1')).toBe('decided');
    expect(store.pendingCount('mod-1')).toBe(1);
  });

  it('is refused for another account and for an unknown decision', () => {
    expect(store.undoDecision('d1', 'mod-2', at(1))).toEqual({ ok: false, reason: 'not_yours' });
    expect(store.undoDecision('nope', 'mod-1', at(1))).toEqual({ ok: false, reason: 'unknown' });
    expect(outboxRow('d1')?.state).toBe('pending');
  });

  it('is refused once the entry has been settled by the upstream', () => {
    store.settle([{ idempotencyKey: 'd1', settlement: { state: 'accepted' } }], at(6_000));
    expect(store.undoDecision('d1', 'mod-1', at(1))).toEqual({ ok: false, reason: 'window_closed' });
    expect(itemStatus('i1')).toBe('decided');
  });
});

describe('outbox', () => {
  /** Records decision `id` made `offsetMs` after T0 with a 1 s undo window. */
  function decideAt(id: string, offsetMs: number, accountId = 'mod-1'): void {
    const d = decisionRecord({ id, itemId: `item-${id}`, accountId }, offsetMs, 1_000);
    store.recordDecision(d, uploadOf(d));
  }

  it('dueEntries holds entries back until the undo window closes, then returns them oldest first', () => {
    decideAt('late', 2_000);
    decideAt('early', 0);
    decideAt('middle', 1_000);
    decideAt('theirs', 0, 'mod-2');

    expect(store.dueEntries('mod-1', at(999), 10)).toEqual([]);
    expect(store.dueEntries('mod-1', at(1_000), 10).map((e) => e.idempotencyKey)).toEqual(['early']);
    expect(store.dueEntries('mod-1', at(3_000), 10).map((e) => e.idempotencyKey)).toEqual(['early', 'middle', 'late']);
    expect(store.dueEntries('mod-1', at(3_000), 2).map((e) => e.idempotencyKey)).toEqual(['early', 'middle']);
    const [entry] = store.dueEntries('mod-1', at(3_000), 1);
    expect(entry).toEqual({
      idempotencyKey: 'early',
      kind: 'decision',
      accountId: 'mod-1',
      itemIds: ['item-early'],
      attempts: 0,
      failedAttempts: 0,
      payload: { ...uploadOf(decisionRecord({ id: 'early', itemId: 'item-early' }, 0, 1_000)), chain: expect.objectContaining({ seq: 2 }) },
    });
    expect(store.nextDueAt('mod-1', at(0))).toBe(at(1_000));
  });

  /** A retry at `nextAttemptAt` after a failure the upstream answered (counts against the entry) or not. */
  const retryAt = (nextAttemptAt: string, error = 'upstream unreachable', countsAgainstEntries = false) => ({
    at: at(1_000),
    nextAttemptAt,
    error,
    countsAgainstEntries,
  });

  it('scheduleRetry pushes entries past now and counts the attempt', () => {
    decideAt('a', 0);
    decideAt('b', 0);
    store.scheduleRetry(['a'], retryAt(at(10_000)));

    expect(outboxRow('a')).toMatchObject({ state: 'pending', attempts: 1, next_attempt_at: at(10_000), last_error: 'upstream unreachable' });
    expect(store.dueEntries('mod-1', at(5_000), 10).map((e) => e.idempotencyKey)).toEqual(['b']);
    expect(store.dueEntries('mod-1', at(10_000), 10).map((e) => [e.idempotencyKey, e.attempts])).toEqual([
      ['a', 1],
      ['b', 0],
    ]);
    expect(store.pendingCount('mod-1')).toBe(2);
  });

  describe('order per item', () => {
    /** Records decision `id` about `itemId`, due 1 s after `offsetMs`. */
    function decideOn(id: string, itemId: string, offsetMs: number): void {
      const d = decisionRecord({ id, itemId }, offsetMs, 1_000);
      store.recordDecision(d, uploadOf(d));
    }

    it('an entry waiting out a backoff holds back the later entries of its item only', () => {
      decideOn('x1', 'x', 0);
      decideOn('x2', 'x', 1);
      decideOn('y1', 'y', 2);
      decideOn('x3', 'x', 3);
      decideOn('y2', 'y', 4);
      store.scheduleRetry(['x1'], retryAt(at(60_000)));

      expect(store.dueEntries('mod-1', at(5_000), 10).map((e) => e.idempotencyKey)).toEqual(['y1', 'y2']);
      expect(store.dueEntries('mod-1', at(60_000), 10).map((e) => e.idempotencyKey)).toEqual(['x1', 'x2', 'y1', 'x3', 'y2']);
      expect(store.dueEntries('mod-1', at(5_000), 1).map((e) => e.idempotencyKey)).toEqual(['y1']);
    });

    it('an action holds back every item it is about, and those items hold back what comes after them', () => {
      decideOn('x1', 'x', 0);
      store.recordAction(
        {
          id: 'act',
          accountId: 'mod-1',
          kind: 'content',
          action: 'remove_content',
          itemIds: ['x', 'z'],
          platformAccountId: null,
          reasonCode: 'SPAM-1',
          params: {},
          note: null,
          decidedAt: at(1),
          escalationId: null,
        },
        { idempotencyKey: 'act' },
      );
      decideOn('z1', 'z', 2);
      decideOn('w1', 'w', 3);
      store.scheduleRetry(['x1'], retryAt(at(60_000)));

      const [action] = store.dueEntries('mod-1', at(60_000), 10).filter((e) => e.kind === 'action');
      expect(action?.itemIds).toEqual(['x', 'z']);
      expect(store.dueEntries('mod-1', at(5_000), 10).map((e) => e.idempotencyKey)).toEqual(['w1']);
    });

    it('a decision inside its undo window holds back the later entries of its item, like one in backoff', () => {
      decideOn('x1', 'x', 0);
      decideOn('y1', 'y', 1);
      const longUndo = decisionRecord({ id: 'x0', itemId: 'x' }, 0, 30_000);
      store.recordDecision(longUndo, uploadOf(longUndo));
      decideOn('x2', 'x', 2);
      expect(store.dueEntries('mod-1', at(5_000), 10).map((e) => e.idempotencyKey)).toEqual(['x1', 'y1']);
    });

    it('nextDueAt is when the first entry no older entry holds back becomes due', () => {
      decideOn('x1', 'x', 0);
      decideOn('x2', 'x', 1);
      decideOn('y1', 'y', 5_000);
      store.scheduleRetry(['x1'], retryAt(at(60_000)));
      // x2 was due at 1 s but waits for x1; y1 is due at 6 s.
      expect(store.nextDueAt('mod-1', at(0))).toBe(at(6_000));
      expect(store.nextDueAt('mod-1', at(10_000))).toBe(at(6_000));
      store.settle([{ idempotencyKey: 'y1', settlement: { state: 'accepted' } }], at(6_000));
      expect(store.nextDueAt('mod-1', at(0))).toBe(at(60_000));
    });
  });

  it('counts only failures the upstream answered against an entry, and lists entries that failed often enough', () => {
    decideAt('a', 0);
    decideAt('b', 0);
    store.scheduleRetry(['a', 'b'], retryAt(at(2_000)));
    store.scheduleRetry(['a'], { at: at(3_000), nextAttemptAt: at(4_000), error: 'upstream answered 500', countsAgainstEntries: true });
    store.scheduleRetry(['a'], { at: at(5_000), nextAttemptAt: at(6_000), error: 'upstream answered 502', countsAgainstEntries: true });

    expect(store.dueEntries('mod-1', at(9_000), 10).map((e) => [e.idempotencyKey, e.attempts, e.failedAttempts])).toEqual([
      ['a', 3, 2],
      ['b', 1, 0],
    ]);
    expect(store.failingEntries('mod-1', 2)).toEqual([
      { idempotencyKey: 'a', kind: 'decision', itemIds: ['item-a'], failedAttempts: 2, lastError: 'upstream answered 502', failingSince: at(3_000) },
    ]);
    expect(store.failingEntries('mod-1', 3)).toEqual([]);
    expect(store.failingEntries('mod-2', 1)).toEqual([]);
    store.settle([{ idempotencyKey: 'a', settlement: { state: 'accepted' } }], at(9_000));
    expect(store.failingEntries('mod-1', 1)).toEqual([]);
  });

  it('settle takes accepted and duplicate entries out of the pending count and keeps conflicts listed', () => {
    decideAt('a', 0);
    decideAt('b', 1);
    decideAt('c', 2);
    decideAt('d', 3);
    store.settle(
      [
        { idempotencyKey: 'a', settlement: { state: 'accepted' } },
        { idempotencyKey: 'b', settlement: { state: 'duplicate' } },
        { idempotencyKey: 'c', settlement: { state: 'conflict', code: 'reassigned', message: 'leased to another reviewer' } },
      ],
      at(2_000),
    );

    expect(store.pendingCount('mod-1')).toBe(1);
    expect(store.dueEntries('mod-1', at(9_000), 10).map((e) => e.idempotencyKey)).toEqual(['d']);
    expect(store.conflicts('mod-1')).toEqual([
      {
        idempotencyKey: 'c',
        kind: 'decision',
        itemIds: ['item-c'],
        code: 'reassigned',
        message: 'leased to another reviewer',
      },
    ]);
    expect(store.conflicts('mod-2')).toEqual([]);
    expect(store.decision('a', at(9_000))?.upload).toBe('uploaded');
    expect(store.decision('b', at(9_000))?.upload).toBe('uploaded');
    expect(store.decision('c', at(9_000))?.upload).toBe('conflict');
    expect(store.decision('d', at(9_000))?.upload).toBe('queued');
  });

  it('settle ignores entries that are no longer pending', () => {
    decideAt('a', 0);
    expect(store.undoDecision('a', 'mod-1', at(10)).ok).toBe(true);
    store.settle([{ idempotencyKey: 'a', settlement: { state: 'accepted' } }], at(2_000));
    expect(outboxRow('a')?.state).toBe('cancelled');
  });

  it('nextDueAt follows the later of the undo window and the retry time, and is null when empty', () => {
    expect(store.nextDueAt('mod-1', at(0))).toBeNull();
    decideAt('a', 0);
    store.scheduleRetry(['a'], retryAt(at(7_000)));
    expect(store.nextDueAt('mod-1', at(0))).toBe(at(7_000));
    store.settle([{ idempotencyKey: 'a', settlement: { state: 'accepted' } }], at(7_000));
    expect(store.nextDueAt('mod-1', at(0))).toBeNull();
  });
});

describe('settings, policy and media', () => {
  it('round-trip through the file', () => {
    store.putSetting('k', 'v1');
    store.putSetting('k', 'v2');
    store.putPolicy({ version: 2, reasonCodes: [{ code: 'X', label: 'x', category: 'c', description: 'd', actions: [] }], syncedAt: at(0) });
    store.putMedia({ sha256: 'a'.repeat(64), mimeType: 'image/png', bytes: Buffer.from([1, 2, 3]) }, at(0));
    store.close();
    store = openStore(file);
    expect(store.setting('k')).toBe('v2');
    store.deleteSetting('k');
    expect(store.setting('k')).toBeNull();
    expect(store.policy()?.reasonCodes.map((c) => c.code)).toEqual(['X']);
    expect(store.hasMedia('a'.repeat(64))).toBe(true);
    expect(store.media('a'.repeat(64))?.bytes.equals(Buffer.from([1, 2, 3]))).toBe(true);
    expect(store.media('b'.repeat(64))).toBeNull();
  });
});
