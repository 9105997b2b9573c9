import type { Role } from '@workstation/protocol';
import type { Store } from '../store';
import type { UpstreamClient } from './client';

export interface AuditSyncDeps {
  store: Store;
  client: UpstreamClient;
  clock: () => Date;
  log: (line: string) => void;
  /** New corrections of the signed-in moderator's decisions arrived; how many are unread. */
  onCorrections: (unseen: number) => void;
}

const CORRECTIONS_PAGE = 200;

/**
 * What every sync does besides uploads: reports this workstation's chain head when it moved (so
 * the upstream holds what a later rewrite would have to match), and for a moderator fetches the
 * corrections of their decisions (QA overturns, appeal outcomes) since the last ones seen.
 * Throws UpstreamError when the upstream could not be asked; nothing is lost, the next sync asks again.
 */
export function createAuditSync(deps: AuditSyncDeps) {
  return {
    async poll(session: { accountId: string; token: string; role: Role }): Promise<void> {
      const head = deps.store.chainHead();
      const reported = deps.store.reportedChainHead();
      if (head.hash !== null && (reported === null || reported.seq !== head.seq)) {
        await deps.client.reportChainHead(session.token, {
          workstationId: head.workstationId,
          seq: head.seq,
          hash: head.hash,
          reportedAt: deps.clock().toISOString(),
        });
        deps.store.markChainHeadReported({ seq: head.seq, hash: head.hash });
      }
      if (session.role !== 'moderator') return;
      let added = 0;
      for (;;) {
        const since = deps.store.correctionsCursor(session.accountId);
        const page = await deps.client.corrections(session.token, since, CORRECTIONS_PAGE);
        added += deps.store.saveCorrections(
          session.accountId,
          page.corrections.map((c) => ({
            id: c.id,
            seq: c.seq,
            decisionId: c.decisionKey,
            itemId: c.itemId,
            source: c.source,
            action: c.action,
            reasonCode: c.reasonCode,
            reason: c.reason,
            correctedBy: c.correctedBy,
            correctedAt: c.correctedAt,
          })),
          page.cursor,
        );
        if (page.corrections.length < CORRECTIONS_PAGE) break;
      }
      if (added > 0) {
        deps.log(`[sync] ${added} new corrections of ${session.accountId}'s decisions`);
        deps.onCorrections(deps.store.myCorrections(session.accountId).filter((c) => c.seenAt === null).length);
      }
    },
  };
}

export type AuditSync = ReturnType<typeof createAuditSync>;
