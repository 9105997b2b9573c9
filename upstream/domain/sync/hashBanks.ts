import type { BankEntry, HashBank, PublishedDelta } from '@workstation/protocol';
import { byId, type SubjectState } from '@workstation/protocol/checksums';
import type { Db } from '../../db';
import { notFound } from '../../errors';
import { jsonList } from '../batch';
import { checkEntryChange, type EntryChange } from './entryChange';
import { appendDelta, publishing } from './log';

/** A bank's whole state: the bank and its entries in id order. */
export type HashBankState = Extract<SubjectState, { kind: 'hash_bank' }>;

async function bankState(db: Db, bank: HashBank): Promise<HashBankState> {
  const entries = await db.query<BankEntry>('SELECT id, kind, hash FROM hash_bank_entries WHERE bank_id = $1', [bank.id]);
  return { kind: 'hash_bank', bank, entries: byId(entries.map(({ id, kind, hash }) => ({ id, kind, hash }))) };
}

async function applyChange(tx: Db, bank: HashBank, change: EntryChange<BankEntry>): Promise<PublishedDelta> {
  const next = { ...bank, version: bank.version + 1 };
  if (bank.version === 0) {
    await tx.query('INSERT INTO hash_banks (id, name, category, version) VALUES ($1, $2, $3, $4)', [next.id, next.name, next.category, next.version]);
  } else {
    await tx.query('UPDATE hash_banks SET version = $2 WHERE id = $1', [next.id, next.version]);
  }
  if (change.remove.length > 0) {
    await tx.query('DELETE FROM hash_bank_entries WHERE bank_id = $1 AND id IN (SELECT jsonb_array_elements_text($2::jsonb))', [
      bank.id,
      jsonList(change.remove),
    ]);
  }
  if (change.add.length > 0) {
    await tx.query(
      `INSERT INTO hash_bank_entries (bank_id, id, kind, hash)
       SELECT $1, e.id, e.kind, e.hash FROM jsonb_to_recordset($2::jsonb) AS e (id text, kind text, hash text)`,
      [bank.id, JSON.stringify(change.add)],
    );
  }
  return appendDelta(tx, {
    kind: 'hash_bank',
    subject: bank.id,
    fromVersion: bank.version,
    toVersion: next.version,
    payload: { bank: next, fromVersion: bank.version, toVersion: next.version, add: byId(change.add), remove: [...change.remove].sort() },
    state: await bankState(tx, next),
  });
}

async function heldIds(tx: Db, bankId: string): Promise<Set<string>> {
  return new Set((await tx.query<{ id: string }>('SELECT id FROM hash_bank_entries WHERE bank_id = $1', [bankId])).map((r) => r.id));
}

/**
 * A new bank at version 1; its first delta (fromVersion 0) lists every entry. Null when the id is
 * taken; entries are only computed when they will be used.
 */
export function createHashBankIfMissing(
  db: Db,
  bank: Omit<HashBank, 'version'>,
  entries: (tx: Db) => Promise<BankEntry[]>,
): Promise<PublishedDelta | null> {
  return publishing(db, async (tx) => {
    if ((await tx.query('SELECT 1 FROM hash_banks WHERE id = $1', [bank.id])).length > 0) return null;
    const change = { add: await entries(tx), remove: [] };
    checkEntryChange(`hash bank ${bank.id}`, new Set(), change);
    return applyChange(tx, { ...bank, version: 0 }, change);
  });
}

/** The bank's next version, published as one delta. */
export function changeHashBank(db: Db, bankId: string, change: EntryChange<BankEntry>): Promise<PublishedDelta> {
  return publishing(db, async (tx) => {
    const [bank] = await tx.query<HashBank>('SELECT id, name, category, version FROM hash_banks WHERE id = $1', [bankId]);
    if (!bank) throw notFound(`hash bank ${bankId} does not exist`);
    checkEntryChange(`hash bank ${bankId}`, await heldIds(tx, bankId), change);
    return applyChange(tx, bank, change);
  });
}

export async function hashBankStates(db: Db): Promise<HashBankState[]> {
  const banks = await db.query<HashBank>('SELECT id, name, category, version FROM hash_banks');
  return Promise.all(byId(banks).map((bank) => bankState(db, bank)));
}
