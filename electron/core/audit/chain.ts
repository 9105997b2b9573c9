import { GENESIS_HASH } from '@workstation/protocol';
import { chainHash } from '@workstation/protocol/checksums';
import type { ChainReport } from '../../api';
import { type ChainedRecord, openChainReader, type Store, type StoredTeamDecision } from '../store';

type Break = NonNullable<ChainReport['firstBreak']>;

/**
 * Walks this workstation's chain from its first record: each must be the next seq, name the
 * previous record's hash, and hash to what it stores; the head last reported upstream must still
 * be in it. The first record that fails is reported with what was expected and what was found.
 */
export function verifyOwnChain(reader: {
  chainRecords(): IterableIterator<ChainedRecord>;
  chainHead(): { workstationId: string; seq: number; hash: string | null };
  reportedChainHead(): { seq: number; hash: string } | null;
}): ChainReport {
  const { workstationId, seq: headSeq, hash: headHash } = reader.chainHead();
  const reported = reader.reportedChainHead();
  let previous = GENESIS_HASH;
  let checked = 0;
  const found = (r: ChainedRecord, problem: Break['problem'], expected: string, actual: string): ChainReport => ({
    ok: false,
    checked,
    workstations: 1,
    head: headHash === null ? null : { seq: headSeq, hash: headHash },
    firstBreak: { recordId: r.id, workstationId, position: checked + 1, problem, expected, found: actual },
  });
  for (const r of reader.chainRecords()) {
    const seq = checked + 1;
    if (r.seq !== seq) return found(r, 'link', `seq ${seq}`, r.seq === null ? 'no chain link' : `seq ${r.seq}`);
    if (r.prevHash !== previous) return found(r, 'link', previous, r.prevHash ?? 'none');
    const expected = chainHash(previous, { ...r, idempotencyKey: r.id, workstationId, seq });
    if (r.hash !== expected) return found(r, 'hash', expected, r.hash ?? 'none');
    if (reported && seq === reported.seq && r.hash !== reported.hash) return found(r, 'head', reported.hash, r.hash);
    previous = expected;
    checked += 1;
  }
  const head = headHash === null ? null : { seq: headSeq, hash: headHash };
  if (reported && reported.seq > checked) {
    return {
      ok: false,
      checked,
      workstations: 1,
      head,
      firstBreak: {
        recordId: '',
        workstationId,
        position: reported.seq,
        problem: 'head',
        expected: `a record at seq ${reported.seq} hashing to ${reported.hash}`,
        found: `the chain ends at seq ${checked}`,
      },
    };
  }
  return { ok: true, checked, workstations: 1, head, firstBreak: null };
}

/** The check `npm run audit:verify -- <data dir>` runs: the workstation database opened read-only, under its root key. */
export function verifyWorkstationFile(file: string, rootKey: string): ChainReport {
  const reader = openChainReader(file, rootKey);
  try {
    return verifyOwnChain(reader);
  } finally {
    reader.close();
  }
}

/**
 * The downloaded team records, per workstation in chain order. Records of one chain may be
 * missing (undone within their undo window, not uploaded yet, another team's): links are checked
 * between consecutive seqs, every record's hash is recomputed, and each workstation's head as the
 * upstream stored it must match the record at that seq.
 */
export function verifyTeamChains(store: Store): ChainReport {
  const heads = new Map(store.teamChainHeads().map((h) => [h.workstationId, h]));
  let checked = 0;
  const workstations = new Set<string>();
  let last: StoredTeamDecision | null = null;
  const broken = (r: StoredTeamDecision, problem: Break['problem'], expected: string, found: string): ChainReport => ({
    ok: false,
    checked,
    workstations: workstations.size,
    head: null,
    firstBreak: { recordId: r.id, workstationId: r.workstationId!, position: r.chainSeq!, problem, expected, found },
  });
  for (const r of store.teamChainRecords()) {
    workstations.add(r.workstationId!);
    const sameChain = last !== null && last.workstationId === r.workstationId;
    if (sameChain && last!.chainSeq! + 1 === r.chainSeq && r.chainPrev !== last!.chainHash) return broken(r, 'link', last!.chainHash!, r.chainPrev!);
    const expected = chainHash(r.chainPrev!, {
      workstationId: r.workstationId!,
      seq: r.chainSeq!,
      idempotencyKey: r.id,
      itemId: r.itemId,
      assignmentId: r.assignmentId,
      accountId: r.moderatorId,
      action: r.action,
      reasonCode: r.reasonCode,
      note: r.note,
      decidedAt: new Date(r.decidedAt).toISOString(),
      supersedes: r.supersedes,
    });
    if (expected !== r.chainHash) return broken(r, 'hash', expected, r.chainHash!);
    const head = heads.get(r.workstationId!);
    if (head && head.seq === r.chainSeq && head.hash !== r.chainHash) return broken(r, 'head', head.hash, r.chainHash);
    checked += 1;
    last = r;
  }
  return { ok: true, checked, workstations: workstations.size, head: null, firstBreak: null };
}
