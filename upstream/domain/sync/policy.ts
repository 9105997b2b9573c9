import type { PublishedDelta } from '@workstation/protocol';
import type { Db } from '../../db';
import { getPolicy } from '../policy';
import { appendDelta, lastPublishedVersion, publishing } from './log';

/**
 * Policy versions come from migrations, so the log catches up with them at start: one delta from
 * the last published version to the current one, carrying the whole reason-code list in display
 * order (it is small, and order matters to the picker). The policy's checksum is over
 * {version, reasonCodes} exactly as sent.
 */
export function publishPolicyIfBehind(db: Db): Promise<PublishedDelta | null> {
  return publishing(db, async (tx) => {
    const policy = await getPolicy(tx);
    const published = await lastPublishedVersion(tx, 'policy', 'policy');
    if (published >= policy.version) return null;
    return appendDelta(tx, {
      kind: 'policy',
      subject: 'policy',
      fromVersion: published,
      toVersion: policy.version,
      payload: { fromVersion: published, toVersion: policy.version, reasonCodes: policy.reasonCodes },
      state: { kind: 'policy', ...policy },
    });
  });
}
