import type { BankHashKind } from '@workstation/protocol';
import type { Db } from './database';

export interface StoredHashBank {
  name: string;
  category: string;
  version: number;
  updatedAt: string;
}

export interface StoredBankEntry {
  bank: string;
  entryId: string;
  kind: BankHashKind;
  hash: string;
}

/** One validated delta of one bank, as the analysis service hands it over. */
export interface HashBankChange {
  bank: string;
  category: string;
  fromVersion: number;
  toVersion: number;
  add: ReadonlyArray<{ id: string; kind: BankHashKind; hash: string }>;
  remove: readonly string[];
}

/** A bank's whole state, as a full resync from the upstream's snapshot brings it. */
export interface HashBankContents {
  bank: string;
  category: string;
  version: number;
  entries: ReadonlyArray<{ id: string; kind: BankHashKind; hash: string }>;
}

/** Refused when the bank is not at fromVersion (an absent bank is at version 0); nothing was written. */
export type HashBankChangeResult = { applied: true; displaced: StoredBankEntry[] } | { applied: false; currentVersion: number };

export function hashBankQueries(db: Db) {
  const banks = db.prepare(`SELECT name, category, version, updated_at AS updatedAt FROM hash_banks ORDER BY name`);
  const version = db.prepare(`SELECT version FROM hash_banks WHERE name = ?`);
  const entries = db.prepare(`SELECT bank, entry_id AS entryId, kind, hash FROM hash_bank_entries ORDER BY bank, entry_id`);
  const upsertBank = db.prepare(
    `INSERT INTO hash_banks (name, category, version, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET category = excluded.category, version = excluded.version, updated_at = excluded.updated_at`,
  );
  const entry = db.prepare(`SELECT bank, entry_id AS entryId, kind, hash FROM hash_bank_entries WHERE bank = ? AND entry_id = ?`);
  const removeEntry = db.prepare(`DELETE FROM hash_bank_entries WHERE bank = ? AND entry_id = ?`);
  const removeAllEntries = db.prepare(`DELETE FROM hash_bank_entries WHERE bank = ?`);
  const putEntry = db.prepare(
    `INSERT INTO hash_bank_entries (bank, entry_id, kind, hash) VALUES (?, ?, ?, ?)
     ON CONFLICT (bank, entry_id) DO UPDATE SET kind = excluded.kind, hash = excluded.hash`,
  );

  const apply = db.transaction((change: HashBankChange, appliedAt: string): HashBankChangeResult => {
    const current = (version.get(change.bank) as { version: number } | undefined)?.version ?? 0;
    if (current !== change.fromVersion) return { applied: false, currentVersion: current };
    upsertBank.run(change.bank, change.category, change.toVersion, appliedAt);
    const displaced: StoredBankEntry[] = [];
    for (const id of new Set([...change.remove, ...change.add.map((e) => e.id)])) {
      const old = entry.get(change.bank, id) as StoredBankEntry | undefined;
      if (old) displaced.push(old);
    }
    for (const id of change.remove) removeEntry.run(change.bank, id);
    for (const added of change.add) putEntry.run(change.bank, added.id, added.kind, added.hash);
    return { applied: true, displaced };
  });

  const replace = db.transaction((contents: HashBankContents, replacedAt: string): void => {
    upsertBank.run(contents.bank, contents.category, contents.version, replacedAt);
    removeAllEntries.run(contents.bank);
    for (const entry of contents.entries) putEntry.run(contents.bank, entry.id, entry.kind, entry.hash);
  });

  return {
    hashBanks(): StoredHashBank[] {
      return banks.all() as StoredHashBank[];
    },
    hashBankEntries(): StoredBankEntry[] {
      return entries.all() as StoredBankEntry[];
    },
    eachHashBankEntry(): IterableIterator<StoredBankEntry> {
      return entries.iterate() as IterableIterator<StoredBankEntry>;
    },
    /**
     * Removes before it adds, in one transaction, only if the bank is still at change.fromVersion;
     * answers the entries removed or overwritten, as they were.
     */
    applyHashBankChange(change: HashBankChange, appliedAt: string): HashBankChangeResult {
      return apply(change, appliedAt);
    },
    /** Makes the bank exactly `contents`, whatever version it held (or none), in one transaction. */
    replaceHashBank(contents: HashBankContents, replacedAt: string): void {
      replace(contents, replacedAt);
    },
  };
}
