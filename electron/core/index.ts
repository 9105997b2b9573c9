/**
 * Core: every domain service composed into one object that both transports host. Plain Node:
 * nothing here imports 'electron'; what differs between hosts comes in through Platform.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAnalysisPool, createAnalysisService, discoverModels } from './signals';
import { createSessions } from './auth';
import { createExposureRecorder } from './exposure';
import { createDispatcher, createEventHub, createHandlers, createPreviewService } from './orchestration';
import type { Platform } from './platform';
import { createPreviewCache, type VideoLimits, type VideoToolPaths } from './media';
import { createRetention } from './retention';
import { decisionSignalsOf, readinessOf } from './review';
import { openProtectedStore } from './vault';
import {
  type BackoffPolicy,
  createAuditSync,
  createDeltaSync,
  createLeaseKeeper,
  createReportStatusPoller,
  createSyncLoop,
  createUpstreamClient,
  LEASE_WARNING_MS,
  releaseBatch,
} from './sync';
import { createWellness } from './wellness';

export interface CoreOptions {
  platform: Platform;
  upstreamUrl: string;
  /** Defaults to workstation.db in the platform's data folder. */
  dbFile?: string;
  /** Undo window for decisions; default 5 s. */
  undoMs?: number;
  syncPollMs?: number;
  /** How often the sync loop pulls policy, lexicon and hash-bank deltas on its own; default 60 s. */
  deltaPullMs?: number;
  /** Retry policy for uploads and lease renewals; the default waits up to 5 min between tries. */
  syncBackoff?: BackoffPolicy;
  /** Warn (lease.expiring) when renewal fails with less than this left; default 2 min. */
  leaseWarningMs?: number;
  defaultBatchSize?: number;
  fetch?: typeof fetch;
  /** The folder whose *.manifest.json files declare the image classifiers; defaults to models/ (see defaultModelsDir). */
  modelsDir?: string;
  /** Analysis worker threads; default one per core. */
  analysisThreads?: number;
  /** Overrides of the video policy (length, size, frame rate, time and memory budgets). */
  videoLimits?: Partial<VideoLimits>;
  /** Where a platform handle's public profile lives, for escalation reports; default https://platform.example/@<handle>. */
  profileUrl?: (handle: string) => string;
  /** How often reviewed content that has synced is looked for and purged; default 30 s. */
  retentionEveryMs?: number;
  /** A session without calls for this long needs a sign-in again (uploads go on); default 30 min. */
  sessionIdleLockMs?: number;
  /** Least time between asking the upstream how escalation reports stand; default 60 s. */
  reportPollMs?: number;
  /** How often the signed-in moderator's wellness status is re-read (a break counting down, an hour rolling on); default 5 s. */
  wellnessTickMs?: number;
}

/**
 * models/ two folders up: from electron/core when run from source and from out/main when
 * bundled, both at the repo root. A packaged app passes the path in its resources instead.
 */
function defaultModelsDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../models');
}

/** The platform's ffmpeg, or why there is none: then videos are refused with that reason and images go on. */
function videoToolsOf(platform: Platform): VideoToolPaths | { unavailable: string } {
  try {
    const tools = platform.videoTools();
    platform.log(`[analysis] videos are decoded with the ${tools.origin} ffmpeg at ${tools.ffmpeg}`);
    return tools;
  } catch (error) {
    platform.log(`[analysis] videos cannot be analysed: ${(error as Error).message}`);
    return { unavailable: (error as Error).message };
  }
}

export async function createCore(options: CoreOptions) {
  const { platform } = options;
  const clock = () => platform.now();
  const log = platform.log;
  const store = await openProtectedStore(platform, options.dbFile ?? path.join(platform.dataDir, 'workstation.db'));
  const client = createUpstreamClient({ baseUrl: options.upstreamUrl, fetch: options.fetch });
  const events = createEventHub(log);
  const videoTools = videoToolsOf(platform);
  const analysis = createAnalysisService({
    store,
    pool: createAnalysisPool({
      models: discoverModels(options.modelsDir ?? defaultModelsDir(), log),
      threads: options.analysisThreads,
      video: { tools: videoTools, limits: options.videoLimits },
    }),
    clock,
    log,
  });
  const sessions = createSessions({ store, client, keychain: platform.keychain, log, clock, idleLockMs: options.sessionIdleLockMs });
  const deltas = createDeltaSync({ store, client, banks: analysis, clock, log });
  const sync = createSyncLoop({
    store,
    client,
    clock,
    log,
    deltas,
    deltaEveryMs: options.deltaPullMs,
    pollMs: options.syncPollMs,
    backoff: options.syncBackoff,
    onStatus: (status) => events.emit({ type: 'sync.status', status }),
    reportStatus: createReportStatusPoller({ store, client, clock, log, everyMs: options.reportPollMs }),
    auditSync: createAuditSync({ store, client, clock, log, onCorrections: (unseen) => events.emit({ type: 'corrections.changed', unseen }) }),
  });
  const leaseWarningMs = options.leaseWarningMs ?? LEASE_WARNING_MS;
  const leases = createLeaseKeeper({
    store,
    client,
    clock,
    log,
    warningMs: leaseWarningMs,
    backoff: options.syncBackoff,
    onExpiring: (assignmentId, expiresAt) => {
      events.emit({ type: 'lease.expiring', assignmentId, expiresAt });
      // The moderator may be in another window: the OS notification reaches them there.
      const minutes = Math.max(0, Math.round((Date.parse(expiresAt) - clock().getTime()) / 60_000));
      platform.notify(
        'Your batch lease is running out',
        `The upstream could not be reached to renew it. Unreviewed items go back to the pool in about ${minutes} min unless the connection returns.`,
      );
    },
    onLost: () => events.emit({ type: 'queue.changed' }),
  });
  const exposure = createExposureRecorder({ store, clock });
  const wellness = createWellness({
    store,
    exposure,
    clock,
    idleSeconds: () => platform.idleSeconds(),
    signalsOf: (item) => analysis.itemSignals(item),
    log,
    onStatus: (accountId, status) => {
      events.emit({ type: 'wellness.status', status });
      const session = sessions.current();
      // The daily limit hands the batch back: nothing of it is offered until tomorrow.
      if (status.state !== 'day_over' || session?.account.id !== accountId) return;
      const assignment = store.latestAssignment(accountId);
      if (!assignment || store.leaseLostAt(assignment.id) !== null) return;
      const pending = store
        .items(assignment.id)
        .filter((i) => i.status === 'pending')
        .map((i) => i.id);
      if (pending.length === 0) return;
      void releaseBatch({ store, client, clock, log }, { accountId, token: session.token }, assignment.id, pending).then(() =>
        events.emit({ type: 'queue.changed' }),
      );
    },
  });
  // Rendered previews stay in memory only, and leave it when retention purges their file.
  const previewCache = createPreviewCache({ maxBytes: 64 * 1024 * 1024 });
  const previews = createPreviewService({
    store,
    client,
    sessions,
    clock,
    analysis,
    wellness,
    log,
    cache: previewCache,
    video: { tools: videoTools, limits: options.videoLimits },
  });
  const handlers = createHandlers({
    store,
    analysis,
    client,
    sessions,
    sync,
    leases,
    deltas,
    leaseWarningMs,
    events,
    clock,
    log,
    defaultBatchSize: options.defaultBatchSize ?? 25,
    wellness,
    exposure,
    previews,
    noteInput: () => platform.noteInput(),
    profileUrl: options.profileUrl ?? ((handle) => `https://platform.example/@${encodeURIComponent(handle)}`),
    dataDir: platform.dataDir,
    keychain: platform.keychain,
    review: {
      store,
      clock,
      undoMs: options.undoMs ?? 5_000,
      reasonCodes: () => store.policy()?.reasonCodes ?? [],
      readiness: (item) => readinessOf(item.media.map((m) => analysis.mediaSignals(m.sha256))),
      signalSummary: (item) => decisionSignalsOf(analysis.itemSignals(item)),
    },
  });
  const dispatch = createDispatcher(handlers, sessions, log);
  const retention = createRetention({
    store,
    clock,
    log,
    everyMs: options.retentionEveryMs,
    onPurged: (sha256s) => sha256s.forEach((sha256) => previewCache.forget(sha256)),
  });
  retention.start();
  // A break counts down and an hour rolls on without any call: the status is re-read on a timer too.
  const wellnessTick = setInterval(() => {
    const session = sessions.current();
    if (session?.account.role !== 'moderator') return;
    try {
      const who = { id: session.account.id, teamId: session.account.teamId };
      wellness.status(who);
      wellness.queueAggregatesIfDue(who);
    } catch (error) {
      log(`[wellness] re-reading the status of ${session.account.username} failed: ${(error as Error).stack ?? String(error)}`);
    }
  }, options.wellnessTickMs ?? 5_000);
  wellnessTick.unref();

  const restored = await sessions.restore();
  if (restored) {
    log(`[core] resumed the session of ${restored.account.username}`);
    sync.setSession({ accountId: restored.account.id, token: restored.token, role: restored.account.role });
    leases.setSession({ accountId: restored.account.id, token: restored.token });
  }

  return {
    dispatch,
    preview: previews.preview,
    subscribe: events.subscribe,
    storeFile: store.file,
    /** Hash banks arrive from the upstream as deltas; the sync service feeds them in here. */
    applyBankDelta: analysis.applyBankDelta,
    /** True while an unacknowledged escalation keeps this media as evidence: nothing may purge it. */
    isPinned: store.isPinned,
    /** Each bank's name, category and version: the cursor for asking the upstream for the next delta. */
    hashBanks: analysis.hashBanks,
    async close(): Promise<void> {
      retention.stop();
      clearInterval(wellnessTick);
      await sync.stop();
      await deltas.stop();
      await leases.stop();
      await analysis.close();
      store.close();
    },
  };
}

export type Core = Awaited<ReturnType<typeof createCore>>;
export type { Platform } from './platform';
export { STORE_ROOT_KEY } from './vault';
