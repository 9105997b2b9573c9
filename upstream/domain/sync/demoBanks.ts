import { createHash } from 'node:crypto';
import { HEX_LENGTH, hexSchema, type BankEntry } from '@workstation/protocol';
import { z } from 'zod';
import type { Db } from '../../db';
import { DEMO_TAGS } from '../../demo';
import demoPdq from '../../demo/pdq.json';
import { Random } from '../../demo/random';
import { createHashBankIfMissing } from './hashBanks';

export const DEMO_CHILD_SAFETY_BANK = 'demo-child-safety';
export const PREVIOUSLY_ACTIONED_BANK = 'previously-actioned';
/** Enough decoys that matching against the bank is a real index lookup, not a one-entry compare. */
export const DEMO_BANK_DECOYS = 1000;

export class DemoSeedError extends Error {
  override name = 'DemoSeedError';
}

const demoPdqSchema = z.object({ hashBankPattern: hexSchema(HEX_LENGTH.pdq) });

/**
 * The demo item tagged hash_bank_match, hashed the way the workstation hashes it: SHA-256 over its
 * bytes, and the PDQ the workstation computes for its image, which this upstream only reads from
 * upstream/demo/pdq.json (it has no PDQ of its own).
 */
async function demoMatchEntries(db: Db): Promise<BankEntry[]> {
  const pdq = demoPdqSchema.safeParse(demoPdq);
  if (!pdq.success)
    throw new DemoSeedError(`upstream/demo/pdq.json is damaged (${pdq.error.issues[0]?.message ?? 'invalid'}); regenerate it with npm run demo:pdq`);
  const [row] = await db.query<{ bytes: Uint8Array }>(
    `SELECT m.bytes FROM items i JOIN media m ON m.sha256 = i.media -> 0 ->> 'sha256'
     WHERE i.demo_tags @> $1::jsonb ORDER BY i.id LIMIT 1`,
    [JSON.stringify([DEMO_TAGS.hashBankMatch])],
  );
  if (!row) throw new DemoSeedError(`the demo data has no item tagged ${DEMO_TAGS.hashBankMatch} with media; reseed with a fresh database`);
  return [
    { id: 'cs-demo-item-pdq', kind: 'pdq', hash: pdq.data.hashBankPattern },
    { id: 'cs-demo-item-sha256', kind: 'sha256', hash: createHash('sha256').update(row.bytes).digest('hex') },
  ];
}

function randomHex(rng: Random, chars: number): string {
  let hex = '';
  while (hex.length < chars) hex += rng.int(0, 0xffffffff).toString(16).padStart(8, '0');
  return hex.slice(0, chars);
}

function randomEntries(rng: Random, prefix: string, kind: BankEntry['kind'], count: number): BankEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${kind}-${String(i + 1).padStart(4, '0')}`,
    kind,
    hash: randomHex(rng, HEX_LENGTH[kind]),
  }));
}

/** The demo's banks, each created once: fixed seeds make every demo upstream serve the same entries. */
export async function seedDemoBanks(db: Db): Promise<void> {
  await createHashBankIfMissing(db, { id: DEMO_CHILD_SAFETY_BANK, name: 'Demo child-safety bank', category: 'child_safety' }, async (tx) => [
    ...(await demoMatchEntries(tx)),
    ...randomEntries(new Random(0xc5a3), 'cs', 'pdq', DEMO_BANK_DECOYS),
  ]);
  await createHashBankIfMissing(db, { id: PREVIOUSLY_ACTIONED_BANK, name: 'Previously actioned', category: 'previously_actioned' }, async () => {
    const rng = new Random(0x9a11);
    return [...randomEntries(rng, 'pa', 'pdq', 16), ...randomEntries(rng, 'pa', 'sha256', 4), ...randomEntries(rng, 'pa', 'md5', 4)];
  });
}
