import { randomUUID } from 'node:crypto';
import type { ExposureEventRow, ExposureSums, NewExposureEvent, Store } from '../store';
import { coveredFraction } from './coverage';

/**
 * The longest one served preview counts: a window left open (or a person who walked away) stops
 * adding exposure after this, however long the event stays open.
 */
export const EXPOSURE_EVENT_MAX_MS = 60_000;

export interface ExposureDeps {
  store: Store;
  clock: () => Date;
}

/** What a reveal showed clear, from what core served under it. */
export interface RevealExposure {
  /** The union of its lens circles as a share of the image; 1 when the whole image was served clear. */
  areaFraction: number;
  /** Whether anything clear (a lens region or the whole image) was served under it at all. */
  clearServed: boolean;
}

export type ServedView = Omit<NewExposureEvent, 'id' | 'startedAt'>;

const secondsBetween = (from: string, to: string): number => Math.min(EXPOSURE_EVENT_MAX_MS, Math.max(0, Date.parse(to) - Date.parse(from))) / 1000;

/**
 * Every preview core serves is an exposure event, open from the moment it is served until core
 * knows it is off the screen: the same image served again (another tier, a lens moved), another
 * item shown, a decision on the item, the reveal it was served under ending, or sign-out; and it
 * never counts more than EXPOSURE_EVENT_MAX_MS. Images of the item on screen are on screen
 * together, so they stay open side by side.
 */
export function createExposureRecorder(deps: ExposureDeps) {
  const { store, clock } = deps;
  const now = () => clock().toISOString();

  function close(events: readonly ExposureEventRow[], at: string): void {
    for (const e of events) store.closeExposureEvent(e.id, at, secondsBetween(e.startedAt, at));
  }

  function closeWhere(accountId: string, which: (e: ExposureEventRow) => boolean): void {
    const at = now();
    store.transaction(() => close(store.openExposureEvents(accountId).filter(which), at));
  }

  return {
    served(view: ServedView): string {
      const id = randomUUID();
      const at = now();
      store.transaction(() => {
        close(
          store.openExposureEvents(view.accountId).filter((e) => e.itemId !== view.itemId || e.sha256 === view.sha256),
          at,
        );
        store.openExposureEvent({ ...view, id, startedAt: at });
      });
      return id;
    },
    /** Another item is on screen now: what was open of the others is not. */
    itemShown(accountId: string, itemId: string): void {
      closeWhere(accountId, (e) => e.itemId !== itemId);
    },
    /** A decision takes the item off the screen. */
    itemDecided(accountId: string, itemId: string): void {
      closeWhere(accountId, (e) => e.itemId === itemId);
    },
    signedOut(accountId: string): void {
      closeWhere(accountId, () => true);
    },
    /**
     * Closes what was served under a reveal and puts each image's blurred view back on the record,
     * since that is what the screen shows again. Returns what the reveal showed clear.
     */
    revealEnded(accountId: string, revealId: string): RevealExposure {
      const at = now();
      return store.transaction(() => {
        const served = store.exposureEventsOfReveal(revealId);
        close(
          served.filter((e) => e.endedAt === null),
          at,
        );
        const images = new Map(served.map((e) => [`${e.itemId}\u0000${e.sha256}`, e]));
        for (const e of images.values()) {
          const base = store.lastTierEvent(accountId, e.itemId, e.sha256);
          if (base) store.openExposureEvent({ ...base, id: randomUUID(), revealId: null, startedAt: at });
        }
        const lenses = served.filter((e) => e.view === 'lens' && e.lens !== null);
        const wholeImage = served.some((e) => e.view === 'clear');
        const first = served[0];
        const areaFraction = wholeImage
          ? 1
          : first
            ? coveredFraction(
                lenses.map((e) => e.lens!),
                first.width,
                first.height,
              )
            : 0;
        return { areaFraction, clearServed: wholeImage || lenses.length > 0 };
      });
    },
    /** Per harm category over [since, until): open events counted up to now. */
    sums(accountId: string, since: string, until: string): ExposureSums[] {
      return store.exposureSums(accountId, since, until, now(), EXPOSURE_EVENT_MAX_MS / 1000);
    },
    /** The events themselves, open ones with their seconds so far. */
    events(accountId: string, since: string, until: string): ExposureEventRow[] {
      const at = now();
      return store.exposureEvents(accountId, since, until).map((e) => (e.endedAt === null ? { ...e, seconds: secondsBetween(e.startedAt, at) } : e));
    },
  };
}

export type ExposureRecorder = ReturnType<typeof createExposureRecorder>;

/**
 * The most clear-view seconds of each category inside any window of windowMs (an hour, say): for
 * each event, what that category's events starting in the window that ends at its start add up to.
 */
export function peakClearSeconds(events: readonly ExposureEventRow[], windowMs: number): Map<string, number> {
  const clear = events.filter((e) => e.areaFraction > 0 && e.seconds !== null).map((e) => ({ e, at: Date.parse(e.startedAt) }));
  const peaks = new Map<string, number>();
  for (const { e, at } of clear) {
    const sum = clear
      .filter((o) => o.e.category === e.category && o.at <= at && o.at > at - windowMs)
      .reduce((total, o) => total + (o.e.seconds ?? 0) * o.e.areaFraction, 0);
    peaks.set(e.category, Math.max(peaks.get(e.category) ?? 0, sum));
  }
  return peaks;
}
