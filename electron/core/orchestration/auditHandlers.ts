import path from 'node:path';
import { ApiError, type AuditStatus, type CallName } from '../../api';
import {
  agreement,
  decideAppeal,
  detail,
  downloadPeriod,
  draw,
  exportBundle,
  exportCsv,
  exportPdf,
  giveVerdict,
  listAppeals,
  logPage,
  qaItem,
  recordReview,
  sample,
  verifyOwnChain,
  verifyTeamChains,
} from '../audit';
import type { Session } from '../auth';
import type { Keychain } from '../platform';
import type { Store } from '../store';
import type { SyncLoop, UpstreamClient } from '../sync';
import type { Handlers } from './dispatch';
import type { createEventHub } from './events';

type AuditCall = Extract<CallName, `audit.${string}` | `qa.${string}` | `appeals.${string}` | `chain.${string}` | `corrections.${string}`>;

export interface AuditHandlerDeps {
  store: Store;
  client: UpstreamClient;
  sync: SyncLoop;
  events: ReturnType<typeof createEventHub>;
  clock: () => Date;
  log: (line: string) => void;
  /** Where exports are saved: the data folder's exports/. */
  dataDir: string;
  keychain: Keychain;
}

function required(session: Session | null): Session {
  if (!session) throw new ApiError('unauthenticated', 'Sign in first.');
  return session;
}

function status(store: Store, accountId: string): AuditStatus {
  return {
    team: store.auditTeam() as AuditStatus['team'],
    periods: store.auditPeriods().map((p) => ({
      from: new Date(p.fromMs).toISOString(),
      to: new Date(p.toMs).toISOString(),
      complete: p.complete,
      records: p.records,
      updatedAt: p.updatedAt,
    })),
    decisions: store.teamDecisionCount(),
    pendingUploads: store.pendingCount(accountId),
    filterValues: {
      categories: store.teamLogValues('category'),
      reasonCodes: store.teamLogValues('reasonCode'),
      bankCategories: store.teamLogValues('bankCategory'),
    },
  };
}

/** The audit calls: a supervisor's offline team log, QA, agreement, appeals, chains and exports; a moderator's corrections. */
export function createAuditHandlers(deps: AuditHandlerDeps): Pick<Handlers, AuditCall> {
  const { store, clock } = deps;
  const now = () => clock().toISOString();
  const exportsDir = path.join(deps.dataDir, 'exports');
  const queued = () => {
    deps.sync.reschedule();
    deps.events.emit({ type: 'sync.status', status: deps.sync.status() });
  };

  return {
    async 'audit.download'(period, session) {
      const s = required(session);
      const progress = (state: 'downloading' | 'done' | 'failed', p: { records: number; pages: number }, message: string | null = null) =>
        deps.events.emit({ type: 'audit.progress', state, records: p.records, pages: p.pages, message });
      let last = { records: 0, pages: 0 };
      try {
        last = await downloadPeriod(deps, { token: s.token, account: s.account }, period, (p) => {
          last = p;
          progress('downloading', p);
        });
      } catch (error) {
        progress('failed', last, (error as Error).message);
        throw error;
      }
      progress('done', last);
      return status(store, s.account.id);
    },
    async 'audit.status'(_input, session) {
      return status(store, required(session).account.id);
    },
    async 'audit.log'(input) {
      return logPage(store, input);
    },
    async 'audit.detail'({ decisionId }) {
      return detail(store, decisionId);
    },
    async 'qa.draw'(input, session) {
      return draw(store, required(session).account, input, now());
    },
    async 'qa.samples'() {
      return {
        samples: store
          .qaSamples()
          .map((s) => ({ id: s.id, seed: s.seed, size: s.size, mode: s.mode, stratifyBy: s.stratifyBy, createdAt: s.createdAt, done: s.done })),
      };
    },
    async 'qa.sample'({ sampleId }) {
      return sample(store, sampleId);
    },
    async 'qa.item'({ sampleId, decisionId }) {
      return qaItem(store, sampleId, decisionId);
    },
    async 'qa.record'(input) {
      return recordReview(store, input, now());
    },
    async 'qa.verdict'(input, session) {
      const item = giveVerdict(store, required(session).account, input, now());
      queued();
      return item;
    },
    async 'audit.agreement'({ from, to }) {
      return agreement(store, from === undefined ? 0 : Date.parse(from), to === undefined ? 8.64e15 : Date.parse(to));
    },
    async 'appeals.list'(_input, session) {
      return { appeals: listAppeals(store, required(session).account) };
    },
    async 'appeals.decide'(input, session) {
      const appeal = decideAppeal(store, required(session).account, input, now());
      queued();
      return appeal;
    },
    async 'chain.verify'() {
      return verifyOwnChain(store);
    },
    async 'audit.verifyTeam'() {
      return verifyTeamChains(store);
    },
    async 'audit.exportCsv'(view) {
      return exportCsv(store, exportsDir, view, now());
    },
    async 'audit.exportPdf'(input) {
      return exportPdf(store, exportsDir, input, now());
    },
    async 'audit.exportBundle'(input) {
      return exportBundle(store, deps.keychain, exportsDir, input, now());
    },
    async 'corrections.mine'(_input, session) {
      const corrections = store.myCorrections(required(session).account.id).map((c) => ({
        id: c.id,
        decisionId: c.decisionId,
        itemId: c.itemId,
        source: c.source,
        action: c.action,
        reasonCode: c.reasonCode,
        reason: c.reason,
        correctedBy: c.correctedBy,
        correctedAt: c.correctedAt,
        seen: c.seenAt !== null,
      }));
      return { corrections, unseen: corrections.filter((c) => !c.seen).length };
    },
    async 'corrections.seen'(_input, session) {
      store.markCorrectionsSeen(required(session).account.id, now());
      return { ok: true as const };
    },
  };
}
