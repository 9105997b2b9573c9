import type { DeltaPage, Snapshot, SubjectSnapshot, SyncKind } from '@workstation/protocol';
import { checksumOf, subjectKey, type SubjectState } from '@workstation/protocol/checksums';
import type { BankContents, BankDelta, HashBankSummary } from '../signals';
import type { Store } from '../store';
import { notTaken, readLocalSubjects, type StagedPage, stagePage, verifyStaged } from './deltaStaging';
import { UpstreamError } from './errors';
import type { UpstreamClient } from './client';

/** What the delta sync needs from the analysis service: the in-memory bank index follows the store. */
export interface DeltaSyncBanks {
  applyBankDelta(delta: BankDelta): HashBankSummary;
  replaceBank(contents: BankContents): HashBankSummary;
  reloadBanks(): void;
}

export interface DeltaSyncDeps {
  store: Store;
  client: UpstreamClient;
  banks: DeltaSyncBanks;
  clock: () => Date;
  log: (line: string) => void;
  /** Deltas per page; default 100 (the upstream's default). */
  pageSize?: number;
}

export type DeltaPullResult = { ok: true; pages: number; applied: number; resynced: string[] } | { ok: false; error: string };

/** A snapshot that lacks a subject asked for or whose content does not hash to its checksum; nothing of it was applied. */
class SnapshotRefusedError extends Error {
  override readonly name = 'SnapshotRefusedError';
}

/** How long queue.lease waits for the first pull after sign-in before going on with the stored banks. */
const LEASE_PULL_WAIT_MS = 10_000;

const isResyncRequired = (error: unknown): boolean => error instanceof UpstreamError && error.failure.kind === 'http' && error.failure.status === 410;

const kindOfKey = (key: string): SyncKind => key.split(':', 1)[0] as SyncKind;

function stateOf(snapshot: SubjectSnapshot): SubjectState {
  const { sha256: _sha256, ...state } = snapshot;
  return state;
}

/**
 * Keeps policy, the wellness policy, red-flag lexicons and hash banks in step with the upstream's change log: pulls
 * pages from the stored cursor until the log's end, applies each page in one transaction after
 * checking it against the page's checksums, resyncs any subject that does not check out from a
 * verified snapshot, and stores the cursor only once the page is fully applied and verified.
 */
export function createDeltaSync(deps: DeltaSyncDeps) {
  const { store, client, banks, clock, log } = deps;
  const pageSize = deps.pageSize ?? 100;
  let running: Promise<DeltaPullResult> | null = null;
  let lastError: string | null = null;
  /** Bumped on every sign-in and sign-out, so a pull begun for one session does not count for the next. */
  let session = 0;
  let pulledInSession: number | null = null;
  let stopped = false;

  /** One store transaction; when it rolls back, the bank index is reloaded so memory matches disk again. */
  function write(run: () => void): void {
    try {
      store.transaction(run);
    } catch (error) {
      banks.reloadBanks();
      throw error;
    }
  }

  function put(state: SubjectState, at: string): void {
    if (state.kind === 'policy') store.putPolicy({ version: state.version, reasonCodes: state.reasonCodes, syncedAt: at });
    else if (state.kind === 'wellness_policy') store.putWellnessPolicy({ version: state.version, ...state.policy }, at);
    else if (state.kind === 'lexicon') store.putLexicon(state);
    else {
      const { id, category, version, name } = state.bank;
      banks.replaceBank({ bank: id, category, version, entries: state.entries });
      store.putHashBankDisplayName(id, name);
    }
  }

  /** Writes what a page verified: banks delta by delta (the index updates incrementally), the rest whole. */
  function putStaged(key: string, state: SubjectState, page: StagedPage, at: string): void {
    if (state.kind !== 'hash_bank') return put(state, at);
    for (const d of page.bankSteps.get(key) ?? []) {
      banks.applyBankDelta({
        bank: d.bank.id,
        category: d.bank.category,
        fromVersion: d.fromVersion,
        toVersion: d.toVersion,
        add: d.add,
        remove: d.remove,
      });
    }
    store.putHashBankDisplayName(state.bank.id, state.bank.name);
  }

  /** The snapshot's subjects among `keys` (all when null), each checked against its own checksum first. */
  function verifiedSubjects(snapshot: Snapshot, keys: ReadonlySet<string> | null): SubjectState[] {
    const offered = snapshot.snapshots.filter((s) => keys === null || keys.has(subjectKey(stateOf(s))));
    const chosen = offered.filter((s) => {
      const refusal = notTaken(subjectKey(stateOf(s)));
      if (refusal !== null)
        log(`[sync] refused ${subjectKey(stateOf(s))} from the upstream's snapshot: ${refusal}; the lexicons in use are unchanged`);
      return refusal === null;
    });
    const missing = [...(keys ?? [])].filter((key) => !offered.some((s) => subjectKey(stateOf(s)) === key));
    if (missing.length > 0) throw new SnapshotRefusedError(`The upstream's snapshot has no ${missing.join(', ')}; left as held here`);
    const bad = chosen.filter((s) => checksumOf(stateOf(s)) !== s.sha256);
    if (bad.length > 0) {
      const named = bad.map((s) => `${subjectKey(stateOf(s))} (sent with ${s.sha256}, its content hashes to ${checksumOf(stateOf(s))})`);
      throw new SnapshotRefusedError(`Refused the upstream's snapshot: ${named.join(', ')} does not match its checksum; local data left untouched`);
    }
    return chosen.map(stateOf);
  }

  /** Replaces the named subjects from a verified snapshot of their kinds; the rest of each snapshot is ignored. */
  async function resyncSubjects(token: string, keys: readonly string[]): Promise<void> {
    const kinds = [...new Set(keys.map(kindOfKey))];
    const snapshots = await Promise.all(kinds.map((kind) => client.snapshot(token, kind)));
    const states = snapshots.flatMap((snapshot, i) => verifiedSubjects(snapshot, new Set(keys.filter((k) => kindOfKey(k) === kinds[i]))));
    const at = clock().toISOString();
    write(() => states.forEach((s) => put(s, at)));
    log(`[sync] resynced ${keys.join(', ')} from the upstream's snapshot`);
  }

  /** 410 resync_required: the stored cursor belongs to another copy of the upstream's data. */
  async function fullResync(token: string): Promise<string> {
    const snapshot = await client.snapshot(token, null);
    const states = verifiedSubjects(snapshot, null);
    const at = clock().toISOString();
    write(() => {
      for (const s of states) put(s, at);
      store.putSyncCursor(snapshot.cursor, at);
    });
    log(`[sync] full resync from the upstream's snapshot: ${states.map(subjectKey).join(', ') || 'nothing'} replaced`);
    return snapshot.cursor;
  }

  async function applyPage(token: string, page: DeltaPage): Promise<{ applied: number; resynced: string[] }> {
    const local = readLocalSubjects(store);
    const staged = stagePage(local, page.deltas);
    for (const [key, reason] of staged.refused) log(`[sync] refused the page's deltas for ${key}: ${reason}; the lexicons in use are unchanged`);
    const failed = new Map([...staged.outOfStep, ...verifyStaged(local, staged, page.checksums)]);
    const at = clock().toISOString();
    const applied = [...staged.applied].reduce((sum, [key, n]) => sum + (failed.has(key) ? 0 : n), 0);
    write(() => {
      for (const [key, state] of staged.staged) if (!failed.has(key)) putStaged(key, state, staged, at);
      if (failed.size === 0) store.putSyncCursor(page.cursor, at);
    });
    if (failed.size === 0) return { applied, resynced: [] };
    for (const [key, reason] of failed) {
      log(`[sync] ${key} does not check out after this page: ${reason}; its changes in the page were not applied, resyncing it from /sync/snapshot`);
    }
    await resyncSubjects(token, [...failed.keys()]);
    // The snapshot is at or after this page, so deltas the next page repeats are skipped by the version rule.
    store.putSyncCursor(page.cursor, clock().toISOString());
    return { applied, resynced: [...failed.keys()] };
  }

  async function pullToEnd(token: string): Promise<DeltaPullResult> {
    let cursor = store.syncCursor();
    let pages = 0;
    let applied = 0;
    let resyncedInFull = false;
    const resynced: string[] = [];
    while (!stopped) {
      let page: DeltaPage;
      try {
        page = await client.deltas(token, cursor, pageSize);
      } catch (error) {
        if (!isResyncRequired(error) || resyncedInFull) throw error;
        log(`[sync] the upstream asks for a full resync (${(error as Error).message}); replacing policy, lexicons and hash banks from its snapshot`);
        cursor = await fullResync(token);
        resyncedInFull = true;
        resynced.push('all');
        continue;
      }
      if (page.hasMore && page.cursor === cursor) {
        throw new UpstreamError({ kind: 'protocol', message: `The upstream's delta page says it has more but did not move the cursor (${cursor})` });
      }
      const outcome = await applyPage(token, page);
      pages++;
      applied += outcome.applied;
      resynced.push(...outcome.resynced);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    return { ok: true, pages, applied, resynced };
  }

  async function pullOnce(token: string): Promise<DeltaPullResult> {
    const startedIn = session;
    try {
      const result = await pullToEnd(token);
      lastError = null;
      if (startedIn === session) pulledInSession = session;
      if (result.ok && (result.applied > 0 || result.resynced.length > 0)) {
        log(
          `[sync] delta pull: ${result.applied} deltas applied over ${result.pages} pages${result.resynced.length > 0 ? `, resynced ${result.resynced.join(', ')}` : ''}`,
        );
      }
      return result;
    } catch (error) {
      lastError = `Syncing policy, lexicons and hash banks failed: ${(error as Error).message}`;
      const expected = error instanceof UpstreamError || error instanceof SnapshotRefusedError;
      log(
        `[sync] delta pull stopped; what was verified is kept and the next pull resumes from the stored cursor: ${expected ? (error as Error).message : ((error as Error).stack ?? String(error))}`,
      );
      return { ok: false, error: lastError };
    }
  }

  /** Pulls to the end of the log (joining a pull already under way). Never rejects: failures are logged and kept in lastError. */
  function pull(token: string): Promise<DeltaPullResult> {
    running ??= pullOnce(token).finally(() => {
      running = null;
    });
    return running;
  }

  return {
    pull,
    lastError: (): string | null => lastError,
    /** A new session (or none) begins: the next lease waits for a pull of its own. */
    sessionChanged(): void {
      session++;
      pulledInSession = null;
    },
    /**
     * Hash before render: before a batch is leased, the banks should be current. Waits for a pull
     * unless one has succeeded in this session, at most `waitMs`; offline, leasing goes on with
     * the banks as stored, and the log says so.
     */
    async ensurePulled(token: string, waitMs = LEASE_PULL_WAIT_MS): Promise<void> {
      if (pulledInSession === session) return;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), waitMs);
      });
      const outcome = await Promise.race([pull(token), timedOut]).finally(() => clearTimeout(timer));
      if (outcome === 'timeout') log(`[sync] no delta pull finished within ${waitMs} ms; leasing with the hash banks as stored`);
      else if (!outcome.ok) log(`[sync] leasing with the hash banks as stored, the delta pull failed: ${outcome.error}`);
    },
    /** Stops after the page under way; call before closing the store. */
    async stop(): Promise<void> {
      stopped = true;
      await running;
    },
  };
}

export type DeltaSync = ReturnType<typeof createDeltaSync>;
