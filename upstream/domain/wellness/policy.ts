import {
  DEFAULT_WELLNESS_POLICY,
  type PublishedDelta,
  type WellnessPolicy,
  type WellnessPolicyContent,
  type WellnessPolicySaveBody,
} from '@workstation/protocol';
import type { Db } from '../../db';
import { ApiError } from '../../errors';
import { appendDelta, publishing } from '../sync/log';

async function latest(db: Db): Promise<WellnessPolicy | null> {
  const [row] = await db.query<{ version: number; policy: WellnessPolicyContent }>(
    'SELECT version, policy FROM wellness_policy_versions ORDER BY version DESC LIMIT 1',
  );
  return row ? { version: row.version, ...row.policy } : null;
}

/** Stores the version and appends its delta (the whole policy); call inside publishing(). */
async function publish(tx: Db, fromVersion: number, policy: WellnessPolicyContent, savedBy: string | null): Promise<PublishedDelta> {
  const version = fromVersion + 1;
  await tx.query('INSERT INTO wellness_policy_versions (version, policy, saved_by) VALUES ($1, $2::jsonb, $3)', [
    version,
    JSON.stringify(policy),
    savedBy,
  ]);
  return appendDelta(tx, {
    kind: 'wellness_policy',
    subject: 'wellness_policy',
    fromVersion,
    toVersion: version,
    payload: { fromVersion, toVersion: version, policy },
    state: { kind: 'wellness_policy', version, policy },
  });
}

/** The policy in force; every upstream has one from its first start (seedWellnessPolicyIfMissing). */
export async function currentWellnessPolicy(db: Db): Promise<WellnessPolicy> {
  const policy = await latest(db);
  if (!policy) throw new ApiError(500, 'internal_error', 'the wellness policy was never seeded; restart the service');
  return policy;
}

/** Version 1, the research-based default, on a database that has none; safe to run at every start. */
export function seedWellnessPolicyIfMissing(db: Db): Promise<PublishedDelta | null> {
  return publishing(db, async (tx) => ((await latest(tx)) === null ? publish(tx, 0, DEFAULT_WELLNESS_POLICY, null) : null));
}

/**
 * The next version, written only over the version the lead last read: if someone saved in
 * between, 409 names the version now in force, and nothing is written.
 */
export function saveWellnessPolicy(db: Db, accountId: string, body: WellnessPolicySaveBody): Promise<WellnessPolicy> {
  return publishing(db, async (tx) => {
    const current = await latest(tx);
    const currentVersion = current?.version ?? 0;
    if (body.baseVersion !== currentVersion) {
      throw new ApiError(
        409,
        'stale_version',
        `someone saved version ${currentVersion} meanwhile (this change was made over version ${body.baseVersion}); reload the policy and make the change again`,
        'baseVersion',
      );
    }
    await publish(tx, currentVersion, body.policy, accountId);
    return { version: currentVersion + 1, ...body.policy };
  });
}
