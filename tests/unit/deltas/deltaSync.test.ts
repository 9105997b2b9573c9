import type { DeltaPage } from '@workstation/protocol';
import { afterEach, describe, expect, test } from 'vitest';
import { HashBankIndex } from '../../../electron/core/signals/banks';
import { openStore, type Store } from '../../../electron/core/store';
import { createDeltaSync, type DeltaSyncBanks, UpstreamError, type UpstreamClient } from '../../../electron/core/sync';
import { bankDelta, bankState, checksumsOf, hex } from './fixtures';

const clock = () => new Date('2025-03-01T12:00:00.000Z');
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

/** The bank side of the analysis service: the same index, loaded again on reload. */
function bankIndex(store: Store): DeltaSyncBanks & { index: () => HashBankIndex } {
  let index = HashBankIndex.load(store, clock);
  return {
    index: () => index,
    applyBankDelta: (d) => index.applyDelta(d),
    replaceBank: (c) => index.replace(c),
    reloadBanks: () => {
      index = HashBankIndex.load(store, clock);
    },
  };
}

const e1 = { id: 'e1', kind: 'sha256' as const, hash: hex('1') };
const e2 = { id: 'e2', kind: 'sha256' as const, hash: hex('2') };
const v1 = bankDelta('b', 0, 1, [e1]);
const v2 = bankDelta('b', 1, 2, [e2]);
const pages: Record<string, DeltaPage> = {
  start: { cursor: 'c1', hasMore: true, deltas: [v1], checksums: checksumsOf(bankState(v1, [e1])) },
  c1: { cursor: 'c2', hasMore: false, deltas: [v2], checksums: checksumsOf(bankState(v2, [e1, e2])) },
  c2: { cursor: 'c2', hasMore: false, deltas: [], checksums: checksumsOf(bankState(v2, [e1, e2])) },
};

function setup(options: { deltas?: (cursor: string | null) => Promise<DeltaPage>; store?: (s: Store) => Store } = {}) {
  const real = openStore(':memory:');
  stores.push(real);
  const store = options.store?.(real) ?? real;
  const asked: Array<string | null> = [];
  const client = {
    deltas: async (_token: string, cursor: string | null) => {
      asked.push(cursor);
      return (options.deltas ?? (async (c) => pages[c ?? 'start']!))(cursor);
    },
    snapshot: async () => {
      throw new Error('no snapshot in this test');
    },
  } as unknown as UpstreamClient;
  const banks = bankIndex(real);
  const lines: string[] = [];
  const sync = createDeltaSync({ store, client, banks, clock, log: (l) => lines.push(l) });
  return { real, asked, banks, lines, sync };
}

describe('the delta pull', () => {
  test('follows the cursor page by page until hasMore is false, storing it after each verified page', async () => {
    const { real, asked, banks, sync } = setup();
    expect(await sync.pull('tok')).toEqual({ ok: true, pages: 2, applied: 2, resynced: [] });
    expect(asked).toEqual([null, 'c1']);
    expect(real.syncCursor()).toBe('c2');
    expect(banks.index().summaries()).toMatchObject([{ name: 'b', version: 2, entries: 2 }]);
    expect(real.hashBankDisplayNames()).toEqual(new Map([['b', 'Bank b']]));
  });

  test('a transaction that fails after bank writes rolls back the store and the in-memory index with it', async () => {
    const { real, banks, sync, lines } = setup({
      store: (s) => ({
        ...s,
        putSyncCursor: () => {
          throw new Error('disk I/O error');
        },
      }),
    });
    const result = await sync.pull('tok');
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/disk I\/O error/) });
    expect(sync.lastError()).toMatch(/^Syncing policy, lexicons and hash banks failed: disk I\/O error/);
    expect([real.hashBanks(), real.syncCursor()]).toEqual([[], null]);
    expect(banks.index().summaries()).toEqual([]);
    expect(lines.at(-1)).toMatch(/delta pull stopped; what was verified is kept/);
  });

  test('a malformed page is a protocol error: nothing applied, the cursor where it was', async () => {
    const { real, sync } = setup({
      deltas: async () => {
        throw new UpstreamError({
          kind: 'protocol',
          message: "The upstream's delta page is missing or has a bad field (deltas.0.bank.version: bank.version must equal toVersion)",
        });
      },
    });
    expect((await sync.pull('tok')).ok).toBe(false);
    expect(sync.lastError()).toMatch(/bank.version must equal toVersion/);
    expect([real.hashBanks(), real.syncCursor()]).toEqual([[], null]);
  });
});

describe('before a lease', () => {
  test('waits at most waitMs for a pull that does not finish, then goes on with the stored banks and says so', async () => {
    const { sync, lines } = setup({ deltas: () => new Promise<DeltaPage>(() => {}) });
    const started = Date.now();
    await sync.ensurePulled('tok', 50);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(lines).toContain('[sync] no delta pull finished within 50 ms; leasing with the hash banks as stored');
  });

  test('offline, leasing goes on at once with the stored banks and the log says why', async () => {
    const { sync, lines } = setup({
      deltas: async () => {
        throw new UpstreamError({ kind: 'network', message: 'The upstream at http://x is unreachable' });
      },
    });
    await sync.ensurePulled('tok', 5_000);
    expect(lines.at(-1)).toMatch(/^\[sync\] leasing with the hash banks as stored, the delta pull failed: .*unreachable/);
  });

  test('pulls once per session: not again after a success, again after the session changes', async () => {
    const { asked, sync } = setup();
    await sync.ensurePulled('tok', 5_000);
    expect(asked).toEqual([null, 'c1']);
    await sync.ensurePulled('tok', 5_000);
    expect(asked).toEqual([null, 'c1']);
    sync.sessionChanged();
    await sync.ensurePulled('tok', 5_000);
    expect(asked).toEqual([null, 'c1', 'c2']);
    expect(sync.lastError()).toBeNull();
  });
});
