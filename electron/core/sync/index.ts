/** Sync: the upstream client, the outbox drain loop with backoff, leases, and the delta sync of policy, lexicons and hash banks. */
export { createUpstreamClient, type UpstreamClient } from './client';
export { actionPayload, decisionPayload, reportPayload, type DecisionFacts } from './uploads';
export { createSyncLoop, STUCK_AFTER_FAILED_ATTEMPTS, type SyncLoop } from './syncLoop';
export type { SyncSession } from './session';
export { createReportStatusPoller, type ReportStatusPoller } from './reportStatus';
export { createAuditSync, type AuditSync } from './auditSync';
export { UpstreamError, type UpstreamFailure } from './errors';
export { backoffDelay, defaultBackoff, type BackoffPolicy } from './backoff';
export { leaseBatch, prefetchMedia, ensureMedia, releaseBatch } from './leases';
export { createDeltaSync, type DeltaPullResult, type DeltaSync, type DeltaSyncBanks, type DeltaSyncDeps } from './deltas';
export { createLeaseKeeper, LEASE_WARNING_MS, type LeaseKeeper, type LeaseKeeperDeps, type LeaseStep } from './leaseKeeper';
