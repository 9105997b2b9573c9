import type { StoredPolicy, Store } from '../store';
import type { UpstreamClient } from './upstreamClient';

/** Fetches the upstream's policy and keeps it when it is newer than the one stored. */
export async function syncPolicy(
  deps: { store: Store; client: UpstreamClient; clock: () => Date },
  token: string,
): Promise<StoredPolicy> {
  const remote = await deps.client.policy(token);
  const local = deps.store.policy();
  if (local && local.version >= remote.version) return local;
  const policy = { version: remote.version, reasonCodes: remote.reasonCodes, syncedAt: deps.clock().toISOString() };
  deps.store.putPolicy(policy);
  return policy;
}
