/**
 * Which outbox entries travel together. Each kind has its own endpoint, so a request carries one
 * kind; order is kept per review item, so an entry never goes before an older pending entry about
 * one of its items, but entries about other items do not wait for it.
 */
import type { OutboxEntry } from '../store';
import { UPLOADS } from './uploads';

const suspect = (e: OutboxEntry): boolean => e.failedAttempts > 0;

/**
 * Walks entries oldest first and takes those `take` accepts, except where an entry left behind
 * before (or one of `behind`) is about one of their items: those stay behind too.
 */
function takeInItemOrder(
  entries: readonly OutboxEntry[],
  take: (e: OutboxEntry) => boolean,
  behind: readonly OutboxEntry[] = [],
): { taken: OutboxEntry[]; left: OutboxEntry[] } {
  const heldItems = new Set(behind.flatMap((e) => e.itemIds));
  const taken: OutboxEntry[] = [];
  const left: OutboxEntry[] = [];
  for (const e of entries) {
    if (!e.itemIds.some((id) => heldItems.has(id)) && take(e)) {
      taken.push(e);
    } else {
      left.push(e);
      for (const id of e.itemIds) heldItems.add(id);
    }
  }
  return { taken, left };
}

/** Splits entries into those that may go and those behind one of `held` about the same item. */
export function holdBack(entries: readonly OutboxEntry[], held: readonly OutboxEntry[]): { go: OutboxEntry[]; held: OutboxEntry[] } {
  const { taken, left } = takeInItemOrder(entries, () => true, held);
  return { go: taken, held: left };
}

/**
 * The next request's entries from `due` (store.dueEntries: oldest first, none behind an entry
 * that is waiting), leaving out `passedOver` (entries already tried in this drain) and whatever
 * is behind them. The request is led by the entry with the fewest failed attempts among those no
 * other due entry is ahead of, so fresh work does not queue behind an entry that keeps failing.
 * An entry that has failed before goes alone: if it is what fails the request, its batch-mates
 * must not fail with it again.
 */
export function nextRun(due: readonly OutboxEntry[], passedOver: ReadonlySet<string>): OutboxEntry[] {
  const free = takeInItemOrder(due, (e) => !passedOver.has(e.idempotencyKey)).taken;
  const seen = new Set<string>();
  let lead: OutboxEntry | undefined;
  for (const e of free) {
    const ahead = e.itemIds.some((id) => seen.has(id));
    for (const id of e.itemIds) seen.add(id);
    if (!ahead && (lead === undefined || e.failedAttempts < lead.failedAttempts)) lead = e;
  }
  if (lead === undefined) return [];
  if (suspect(lead)) return [lead];
  const { kind } = lead;
  let room = UPLOADS[kind].maxPerRequest;
  return takeInItemOrder(free, (e) => e.kind === kind && !suspect(e) && room-- > 0).taken;
}

/**
 * How to split a run the upstream would not take. When its 400 names an entry (entries.3.note),
 * that entry goes alone between the ones before and after it; otherwise the run is halved.
 * Splitting again and again leaves the entry at fault alone, where the failure is its own.
 */
export function splitRun(run: readonly OutboxEntry[], field: string | undefined): OutboxEntry[][] {
  const named = /^entries\.(\d+)(?:\.|$)/.exec(field ?? '');
  const index = named ? Number(named[1]) : -1;
  const half = Math.ceil(run.length / 2);
  const parts =
    index >= 0 && index < run.length
      ? [run.slice(0, index), run.slice(index, index + 1), run.slice(index + 1)]
      : [run.slice(0, half), run.slice(half)];
  return parts.filter((part) => part.length > 0);
}
