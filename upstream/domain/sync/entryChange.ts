import { ApiError, badRequest } from '../../errors';

export interface EntryChange<E extends { id: string }> {
  add: E[];
  remove: string[];
}

/**
 * Checks a change against the ids a subject holds now. Removals apply before additions, so an
 * edit is the same id in both lists; anything else that touches a missing or present id is a 409,
 * because it means the caller's idea of the current version is out of date.
 */
export function checkEntryChange(subject: string, held: ReadonlySet<string>, change: EntryChange<{ id: string }>): void {
  if (change.add.length === 0 && change.remove.length === 0) throw badRequest('add or remove at least one entry', 'add');
  const added = new Set<string>();
  for (const { id } of change.add) {
    if (added.has(id)) throw badRequest(`add: entry ${id} appears twice`, 'add');
    added.add(id);
  }
  const removed = new Set(change.remove);
  if (removed.size !== change.remove.length) throw badRequest('remove: an id appears twice', 'remove');
  const missing = change.remove.filter((id) => !held.has(id));
  if (missing.length > 0) throw new ApiError(409, 'unknown_entry', `${subject} has no entries ${missing.join(', ')} to remove`);
  const clashing = change.add.filter(({ id }) => held.has(id) && !removed.has(id)).map(({ id }) => id);
  if (clashing.length > 0)
    throw new ApiError(
      409,
      'entry_exists',
      `${subject} already has entries ${clashing.join(', ')}; to edit one, remove and add it in the same change`,
    );
}
