import { ApiError, type ItemView, type LeaseState, type QueueState } from '../../api';
import type { AssignmentRow, Store } from '../store';
import { LEASE_WARNING_MS } from '../sync';
import { currentAssignment } from './batch';
import { toApiDecision } from './toApiDecision';

/** Expired once the upstream refused to renew the batch; expiring while less than the warning time is left. */
function leaseState(store: Store, assignment: AssignmentRow, now: Date, warningMs = LEASE_WARNING_MS): LeaseState {
  if (store.leaseLostAt(assignment.id) !== null) return 'expired';
  return Date.parse(assignment.leaseExpiresAt) - now.getTime() < warningMs ? 'expiring' : 'active';
}

export function queueState(store: Store, accountId: string, now = new Date(), warningMs = LEASE_WARNING_MS): QueueState {
  const assignment = currentAssignment(store, accountId);
  if (!assignment) return { assignment: null, items: [], currentItemId: null, progress: { done: 0, total: 0 } };
  const items = store.items(assignment.id);
  const lease = leaseState(store, assignment, now, warningMs);
  return {
    assignment: { id: assignment.id, leaseExpiresAt: assignment.leaseExpiresAt },
    items: items.map((i) => ({ id: i.id, kind: i.kind, status: i.status, accountHandle: i.accountHandle })),
    // Items of a lost lease may already be with another moderator: none is offered.
    currentItemId: lease === 'expired' ? null : (items.find((i) => i.status === 'pending')?.id ?? null),
    progress: { done: items.filter((i) => i.status !== 'pending').length, total: items.length },
    leaseState: lease,
  };
}

/** The item as review knows it; the analysis signals and the wellness view are added by the handler that serves it. */
export function itemView(store: Store, accountId: string, itemId: string, now: string): Omit<ItemView, 'signals' | 'wellness'> {
  const assignment = currentAssignment(store, accountId);
  const row = assignment ? store.item(assignment.id, itemId) : null;
  if (!assignment || !row) throw new ApiError('not_found', `Item ${itemId} is not in your current batch.`, 'itemId');
  // Serving the item is showing it: its handling time runs from the first time.
  store.markItemShown(assignment.id, itemId, now);
  const decision = store.latestDecisionForItem(assignment.id, itemId, now);
  return {
    item: row.item,
    status: row.status,
    position: row.position,
    decision: decision ? toApiDecision(decision) : null,
    sameAccount: store
      .items(assignment.id)
      .filter((i) => i.platformAccountId === row.platformAccountId && i.id !== row.id)
      .map((i) => ({ id: i.id, status: i.status })),
  };
}
