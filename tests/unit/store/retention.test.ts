import { afterEach, beforeEach, expect, it } from 'vitest';
import path from 'node:path';
import { createRetention } from '../../../electron/core/retention';
import { openStore, type Store } from '../../../electron/core/store';
import { at, decisionRecord, reviewItem, tempDir } from './fixtures';

let tmp: ReturnType<typeof tempDir>;
let store: Store;
let now: number;
const log: string[] = [];
const forgotten: string[] = [];

const sha = (c: string) => c.repeat(64);
function withImage(id: string, file: string) {
  store.putMedia({ sha256: sha(file), mimeType: 'image/png', bytes: Buffer.from(`png bytes ${file}`) }, at(0));
  return {
    ...reviewItem(id),
    caption: `secret caption ${id}`,
    account: { ...reviewItem(id).account, bio: `bio of ${id}` },
    media: [{ sha256: sha(file), mimeType: 'image/png', width: 8, height: 8, byteLength: 11 }],
  };
}
const decide = (id: string, itemId: string, offsetMs = 0) =>
  store.recordDecision(decisionRecord({ id, itemId }, offsetMs), { idempotencyKey: id, itemId });
const accept = (key: string) => store.settle([{ idempotencyKey: key, settlement: { state: 'accepted' } }], at(0));
const retention = () => createRetention({ store, clock: () => new Date(now), log: (l) => log.push(l), onPurged: (s) => forgotten.push(...s) });

beforeEach(() => {
  tmp = tempDir('retention');
  store = openStore(path.join(tmp.dir, 'workstation.db'));
  now = Date.parse(at(60_000));
  log.length = 0;
  forgotten.length = 0;
  store.saveAssignment({ id: 'asg-1', accountId: 'mod-1', leasedAt: at(0), leaseExpiresAt: at(1_800_000) }, [
    withImage('synced', 'a'),
    withImage('still-queued', 'b'),
    withImage('undecided', 'c'),
    withImage('in-undo-window', 'd'),
    withImage('shares-undecided-file', 'c'),
  ]);
});
afterEach(() => {
  store.close();
  tmp.remove();
});

it('purges the texts and files of items whose decisions synced and left their undo window, and nothing else', () => {
  decide('d-synced', 'synced');
  accept('d-synced');
  decide('d-queued', 'still-queued');
  decide('d-window', 'in-undo-window', 58_000);
  accept('d-window');
  decide('d-shares', 'shares-undecided-file');
  accept('d-shares');

  expect(retention().purgeNow()).toEqual({ items: 2, mediaFiles: 1, mediaBytes: Buffer.byteLength('png bytes a') });
  const items = new Map(store.items('asg-1').map((i) => [i.id, i.item]));
  expect(items.get('synced')).toMatchObject({ caption: null, comments: [], thread: [], account: { bio: '', displayName: '' } });
  expect(items.get('synced')?.media[0]?.sha256).toBe(sha('a'));
  expect(items.get('shares-undecided-file')?.caption).toBeNull();
  for (const kept of ['still-queued', 'undecided', 'in-undo-window']) expect(items.get(kept)?.caption).toBe(`secret caption ${kept}`);
  // The file still shown by an undecided item stays; the synced item's own file is gone and forgotten.
  expect([store.hasMedia(sha('a')), store.hasMedia(sha('b')), store.hasMedia(sha('c')), store.hasMedia(sha('d'))]).toEqual([false, true, true, true]);
  expect(forgotten).toEqual([sha('a')]);
  // Counts only: no caption, bio, id or hash reaches the log.
  expect(log).toEqual(['[retention] purged the content of 2 items and 1 media files (11 bytes)']);
  expect(retention().purgeNow()).toEqual({ items: 0, mediaFiles: 0, mediaBytes: 0 });
});

it('keeps escalation evidence until the upstream acknowledges the report, then purges it', () => {
  const escalated = 'synced';
  store.openEscalationDraft({
    id: 'esc-1',
    itemId: escalated,
    assignmentId: 'asg-1',
    accountId: 'mod-1',
    kind: 'child_safety',
    reasonCode: 'CSAE-1',
    report: {},
    createdAt: at(0),
  });
  store.transaction(() => {
    decide('d-esc', escalated);
    store.queueEscalationReport({
      id: 'esc-1',
      accountId: 'mod-1',
      itemId: escalated,
      report: { itemId: escalated },
      uploadPayload: { idempotencyKey: 'esc-1' },
      at: at(0),
      evidence: [sha('a')],
    });
  });
  store.settleReportUploads(
    [{ idempotencyKey: 'esc-1', settlement: { state: 'accepted' }, report: { idempotencyKey: 'esc-1', reportId: 'r-1', status: 'received' } }],
    at(0),
  );
  accept('d-esc');
  expect(retention().purgeNow().items).toBe(0);
  expect(store.hasMedia(sha('a'))).toBe(true);

  store.recordReportStatuses([{ idempotencyKey: 'esc-1', reportId: 'r-1', status: 'acknowledged' }], at(1));
  expect(retention().purgeNow()).toMatchObject({ items: 1, mediaFiles: 1 });
  expect(store.hasMedia(sha('a'))).toBe(false);
});

it('purges the undecided items of a batch whose lease went back to the pool', () => {
  store.markLeaseLost('asg-1', at(1));
  expect(retention().purgeNow()).toMatchObject({ items: 5, mediaFiles: 4 });
  expect(store.items('asg-1').every((i) => i.item.caption === null)).toBe(true);
});
