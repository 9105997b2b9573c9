import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, test } from 'vitest';
import { HashBankIndex, type HashBankStore } from '../../../electron/core/signals/banks';
import { seeded } from './fixtures';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const ENTRIES = 300_000;
const BANKS = ['gifct', 'ncmec', 'previously-actioned'];

/** A store that makes its entries as they are read, so only the index itself takes memory. */
function generatedStore(): HashBankStore {
  return {
    hashBanks: () => BANKS.map((name) => ({ name, category: 'terrorism', version: 1, updatedAt: '2025-03-01T12:00:00.000Z' })),
    *eachHashBankEntry() {
      const next = seeded(11);
      const words = new Uint32Array(8);
      const bytes = Buffer.from(words.buffer);
      for (let i = 0; i < ENTRIES; i++) {
        for (let w = 0; w < 8; w++) words[w] = next();
        yield { bank: BANKS[i % BANKS.length]!, entryId: `entry-${i}`, kind: 'pdq' as const, hash: bytes.toString('hex') };
      }
    },
    applyHashBankChange: () => {
      throw new Error('read only');
    },
    replaceHashBank: () => {
      throw new Error('read only');
    },
  };
}

/** After full collections, with a turn of the event loop between them so freed buffers are released. */
async function heldBytes(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

// The goal is 100 bytes an entry at 10M (ids and bank membership included); 300k entries carry
// a larger share of the fixed 4 MB of offsets, hence the generous bound. Before this structure
// an entry took about 490 bytes.
test('the PDQ bank structure holds an entry, with its id and bank, in well under 150 bytes', async () => {
  const before = await heldBytes();
  const index = HashBankIndex.load(generatedStore());
  const held = (await heldBytes()) - before;
  expect(index.summaries().reduce((n, s) => n + s.entries, 0)).toBe(ENTRIES);
  expect(index.pdqByteLength / ENTRIES).toBeLessThan(120);
  expect(held / ENTRIES).toBeLessThan(150);
});
