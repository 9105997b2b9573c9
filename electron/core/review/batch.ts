import { ApiError } from '../../api';
import type { AssignmentRow, ItemRow, Store } from '../store';

/** The moderator's batch as review sees it: the latest assignment, in the upstream's order. */
export function currentAssignment(store: Store, accountId: string): AssignmentRow | null {
  return store.latestAssignment(accountId);
}

/** An item of the moderator's current batch; not_found naming `field` otherwise. */
export function batchItem(store: Store, accountId: string, itemId: string, field = 'itemId'): ItemRow {
  const assignment = currentAssignment(store, accountId);
  const row = assignment ? store.item(assignment.id, itemId) : null;
  if (!row) throw new ApiError('not_found', `Item ${itemId} is not in your current batch.`, field);
  return row;
}
