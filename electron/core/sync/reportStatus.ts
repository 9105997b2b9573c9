import type { Store } from '../store';
import type { SyncSession } from './session';
import type { UpstreamClient } from './client';

export interface ReportStatusDeps {
  store: Store;
  client: UpstreamClient;
  clock: () => Date;
  log: (line: string) => void;
  /** Least time between two asks while reports wait; default 60 s. Acknowledgement takes the upstream hours, not seconds. */
  everyMs?: number;
}

/** The upstream lists at most this many of the moderator's reports per ask, newest first. */
const REPORT_LIST_LIMIT = 1000;

/**
 * Asks the upstream (GET /reports, the moderator's own) how their reports stand, while any of
 * them is not yet acknowledged: records report ids a lost upload reply never delivered, marks
 * acknowledged reports, and so releases their evidence pins.
 */
export function createReportStatusPoller(deps: ReportStatusDeps) {
  const everyMs = deps.everyMs ?? 60_000;
  let lastAskAt: number | null = null;

  return {
    /** Returns how many escalations changed; UpstreamError when the upstream could not be asked. */
    async poll(session: SyncSession): Promise<number> {
      if (deps.store.reportsAwaitingAcknowledgement(session.accountId) === 0) return 0;
      const now = deps.clock().getTime();
      if (lastAskAt !== null && now - lastAskAt < everyMs) return 0;
      lastAskAt = now;
      const reports = await deps.client.ownReports(session.token, REPORT_LIST_LIMIT);
      const changed = deps.store.recordReportStatuses(
        reports.map((r) => ({ idempotencyKey: r.idempotencyKey, reportId: r.id, status: r.status, preservation: r.preservation })),
        deps.clock().toISOString(),
      );
      if (changed > 0) deps.log(`[sync] ${changed} escalation reports changed status on the upstream`);
      return changed;
    },
  };
}

export type ReportStatusPoller = ReturnType<typeof createReportStatusPoller>;
