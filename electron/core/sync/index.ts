/** Sync: the upstream client, the outbox drain loop with backoff, and leases. */
export { createUpstreamClient, type UpstreamClient, type DecisionUpload, type BatchResult } from './upstreamClient';
export { createSyncLoop, type SyncLoop, type SyncSession } from './syncLoop';
export { UpstreamError, type UpstreamFailure } from './errors';
export { backoffDelay, defaultBackoff, type BackoffPolicy } from './backoff';
export { leaseBatch, prefetchMedia, ensureMedia } from './leases';
export { syncPolicy } from './policy';
export { createLeaseKeeper, LEASE_WARNING_MS, type LeaseKeeper, type LeaseKeeperDeps, type LeaseStep } from './leaseKeeper';
