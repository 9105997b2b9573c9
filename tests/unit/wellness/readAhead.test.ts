import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, previewRequestSchema, type ItemSignals, type ReviewItem } from '../../../electron/api';
import { createExposureRecorder } from '../../../electron/core/exposure';
import { openStore, type Store } from '../../../electron/core/store';
import { createWellness, type Reviewer } from '../../../electron/core/wellness';
import { reviewItem } from '../store/fixtures';

/**
 * A preview read ahead takes a while to draw, so the decision that puts its item on screen can
 * land before it is served. Core then records it from that moment, as a preview of the item on
 * screen; once the queue has moved past the item, it refuses it and records nothing.
 */
const clock = () => new Date('2025-03-01T12:00:00.000Z');
const who: Reviewer = { id: 'mod-1', teamId: null };
const SHA = 'a'.repeat(64);

const withImage = (id: string): ReviewItem => ({
  ...reviewItem(id),
  media: [{ sha256: SHA, mimeType: 'image/jpeg', width: 480, height: 360, byteLength: 1000 }],
});
const signalsOf = (item: ReviewItem): ItemSignals => ({
  media: item.media.map((m) => ({ sha256: m.sha256, status: 'pending' as const, bankMatches: [] })),
  redFlags: [],
  grooming: null,
  lexicon: { locale: 'en', version: 1 },
});

let store: Store;
let exposure: ReturnType<typeof createExposureRecorder>;
let wellness: ReturnType<typeof createWellness>;
beforeEach(() => {
  store = openStore(':memory:');
  exposure = createExposureRecorder({ store, clock });
  wellness = createWellness({ store, exposure, clock, idleSeconds: () => 0, signalsOf, onStatus: () => {}, log: () => {} });
});
afterEach(() => store.close());

/** What core serves of the image of `item` ahead, as the preview route builds it. */
function servedOf(item: ReviewItem) {
  const decision = wellness.decideView(who, item, SHA, previewRequestSchema.parse({ itemId: item.id, sha256: SHA }));
  return { itemId: item.id, sha256: SHA, classified: decision.classified, view: decision.view, width: 240, height: 180, lens: null, revealId: null };
}
const eventsOf = (itemId: string) =>
  exposure.events(who.id, '2025-03-01T00:00:00.000Z', '2025-03-02T00:00:00.000Z').filter((e) => e.itemId === itemId);

describe('a preview ahead that is ready after the decision', () => {
  const [a, b, c] = [withImage('a'), withImage('b'), withImage('c')];

  it('is on the record once the item before it is decided, when it was ready before', () => {
    wellness.itemAhead(who, a.id, b);
    wellness.servedAhead(who, servedOf(b));
    expect(eventsOf(b.id)).toHaveLength(0);
    wellness.itemDecided(who, a.id);
    expect(eventsOf(b.id)).toHaveLength(1);
  });

  it('is on the record from when it is served, when the decision came first', () => {
    wellness.itemAhead(who, a.id, b);
    wellness.itemDecided(who, a.id);
    expect(eventsOf(b.id)).toHaveLength(0);
    wellness.servedAhead(who, servedOf(b));
    expect(eventsOf(b.id)).toHaveLength(1);
  });

  it('is refused, with nothing recorded, once the queue has moved past its item', () => {
    wellness.itemAhead(who, a.id, b);
    wellness.itemDecided(who, a.id);
    wellness.itemAhead(who, b.id, c);
    wellness.itemDecided(who, b.id);
    const refused = (() => {
      try {
        wellness.servedAhead(who, servedOf(b));
        return null;
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).code).toBe('conflict');
    expect(eventsOf(b.id)).toHaveLength(0);
  });
});
