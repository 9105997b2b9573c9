import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ReviewItem } from '@workstation/protocol';
import type { Upstream } from '../../../upstream';
import { generateDemoData } from '../../../upstream/demo';
import { addReviewer, backend, startTestUpstream } from './harness';

const SEED = 7;
const SIZE = 40;

describe(`child-safety clearance on the upstream (${backend})`, () => {
  let upstream: Upstream;
  let childSafety: Set<string>;

  beforeAll(async () => {
    upstream = await startTestUpstream({ seed: SEED, size: SIZE });
    const items = (await generateDemoData({ seed: SEED, size: SIZE })).items;
    const isChildSafety = (i: ReviewItem) => i.reportReason === 'child_safety' || i.demoTags.includes('hash_bank_match');
    childSafety = new Set(items.filter(isChildSafety).map((i) => i.id));
    // The demo holds both kinds: a hash-bank match and child-safety reports.
    expect(childSafety.size).toBeGreaterThanOrEqual(2);
  });
  afterAll(() => upstream?.close());

  test('an uncleared moderator drains the pool and never gets a child-safety item; a cleared one then gets them all', async () => {
    const uncleared = await addReviewer(upstream, 'uncleared', 'moderator', false);
    const got: string[] = [];
    for (;;) {
      const reply = await uncleared.post('/assignments/lease', { size: 100 });
      expect(reply.status).toBe(200);
      const ids = (reply.body.assignment.items as ReviewItem[]).map((i) => i.id);
      if (ids.length === 0) break;
      got.push(...ids);
    }
    expect(got.length).toBe(SIZE - childSafety.size);
    expect(got.filter((id) => childSafety.has(id))).toEqual([]);

    const cleared = await addReviewer(upstream, 'cleared', 'moderator', true);
    const rest = (await cleared.post('/assignments/lease', { size: 100 })).body.assignment.items as ReviewItem[];
    expect(new Set(rest.map((i) => i.id))).toEqual(childSafety);
  });

  test('the signed-in account says whether it is cleared, so the workstation can refuse the rest too', async () => {
    const cleared = async (username: string) => {
      const res = await fetch(`${upstream.url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'demo' }),
      });
      return ((await res.json()) as { account: { childSafetyCleared: boolean } }).account.childSafetyCleared;
    };
    expect([await cleared('mod1'), await cleared('mod2'), await cleared('mod3')]).toEqual([true, false, true]);
  });
});
