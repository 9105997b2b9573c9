import type { Snapshot, SubjectSnapshot, SyncKind } from '@workstation/protocol';
import { checksumOf } from '@workstation/protocol/checksums';
import type { Db } from '../../db';
import { getPolicy } from '../policy';
import { currentWellnessPolicy } from '../wellness/policy';
import { hashBankStates } from './hashBanks';
import { lexiconSnapshots } from './lexicons';
import { cursorAt, headSeq } from './log';

/**
 * The full current state of every subject of the asked kinds, and the log position it reflects.
 * One repeatable-read transaction, so state and cursor come from the same moment even while a
 * bank change is being published.
 */
export function snapshot(db: Db, kinds: readonly SyncKind[]): Promise<Snapshot> {
  return db.transaction(async (tx) => {
    await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snapshots: SubjectSnapshot[] = [];
    if (kinds.includes('policy')) {
      const policy = { kind: 'policy' as const, ...(await getPolicy(tx)) };
      snapshots.push({ ...policy, sha256: checksumOf(policy) });
    }
    if (kinds.includes('wellness_policy')) {
      const { version, ...policy } = await currentWellnessPolicy(tx);
      const state = { kind: 'wellness_policy' as const, version, policy };
      snapshots.push({ ...state, sha256: checksumOf(state) });
    }
    if (kinds.includes('lexicon')) {
      for (const state of await lexiconSnapshots(tx)) snapshots.push({ ...state, sha256: checksumOf(state) });
    }
    if (kinds.includes('hash_bank')) {
      for (const state of await hashBankStates(tx)) snapshots.push({ ...state, sha256: checksumOf(state) });
    }
    return { cursor: await cursorAt(tx, await headSeq(tx)), snapshots };
  });
}
