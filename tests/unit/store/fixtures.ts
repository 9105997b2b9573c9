import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ReviewItem } from '../../../electron/api';
import type { DecisionRecord } from '../../../electron/core/store';

/** A fresh folder under the OS temp dir and the function that removes it. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A review item shaped as the upstream sends it; `platformAccountId` groups items by poster. */
export function reviewItem(id: string, platformAccountId = `acct-${id}`): ReviewItem {
  return {
    id,
    kind: 'post',
    locale: 'en',
    createdAt: '2025-01-01T00:00:00.000Z',
    source: 'user_report',
    reportReason: 'spam',
    media: [],
    caption: `caption of ${id}`,
    comments: [],
    thread: [],
    account: {
      id: platformAccountId,
      handle: `@${platformAccountId}`,
      displayName: platformAccountId,
      createdAt: '2024-01-01T00:00:00.000Z',
      priorStrikes: 0,
      priorActions: [],
      followers: 10,
      bio: '',
    },
    demoTags: [],
  };
}

export const T0 = Date.parse('2025-03-01T12:00:00.000Z');
export const at = (ms: number): string => new Date(T0 + ms).toISOString();

/** A decision record made `offsetMs` after T0 with an undo window of `undoMs`. */
export function decisionRecord(
  overrides: Partial<DecisionRecord> & Pick<DecisionRecord, 'id' | 'itemId'>,
  offsetMs = 0,
  undoMs = 5_000,
): DecisionRecord {
  return {
    assignmentId: 'asg-1',
    accountId: 'mod-1',
    action: 'approve',
    reasonCode: null,
    note: null,
    decidedAt: at(offsetMs),
    undoUntil: at(offsetMs + undoMs),
    supersedes: null,
    ...overrides,
  };
}

/** The upload payload the review service stores with a decision. */
export function uploadOf(d: DecisionRecord) {
  return {
    idempotencyKey: d.id,
    itemId: d.itemId,
    assignmentId: d.assignmentId,
    action: d.action,
    reasonCode: d.reasonCode,
    note: d.note,
    decidedAt: d.decidedAt,
    supersedes: d.supersedes,
  };
}
