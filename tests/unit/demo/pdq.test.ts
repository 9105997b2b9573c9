import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { computeDemoPdq, DEMO_PDQ_COMMAND, DEMO_PDQ_FILE } from '../../../scripts/demo/pdq';
import { generateDemoData } from '../../../upstream/demo';

describe("the PDQ data the upstream's demo bank is seeded from (upstream/demo/pdq.json)", () => {
  test("is what the workstation's PDQ computes for the demo images today", async () => {
    const committed: unknown = JSON.parse(readFileSync(DEMO_PDQ_FILE, 'utf8'));
    const current = await computeDemoPdq();
    expect(
      committed,
      `upstream/demo/pdq.json is stale (the demo images or the workstation's PDQ changed): run ${DEMO_PDQ_COMMAND} and commit it`,
    ).toEqual(current);
  });

  test('covers the image of the demo item the child-safety bank is meant to match', async () => {
    const { items, media } = await generateDemoData({ size: 8 });
    const tagged = items.filter((item) => item.demoTags.includes('hash_bank_match'));
    expect(tagged).toHaveLength(1);
    const [ref] = tagged[0]!.media;
    // renderHashBankPattern ignores the seed, so one hash serves every demo upstream.
    const again = await generateDemoData({ size: 8, seed: 99 });
    const other = again.items.find((item) => item.demoTags.includes('hash_bank_match'))!.media[0]!;
    expect(other.sha256).toBe(ref!.sha256);
    expect(media.get(ref!.sha256)?.mimeType).toBe('image/png');
  });
});
