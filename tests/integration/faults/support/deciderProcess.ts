/**
 * The workstation's core in a process of its own, for the kill -9 test: signs in (or resumes the
 * session its keychain kept), leases one batch and decides its items over and over, printing each
 * decision id only after dispatch has returned. With FAULTS_DRAIN=1 it only drains the outbox.
 *
 * Lines on stdout: "ready", "decided <id>", "drained <pending count>".
 */
import type { QueueState, SyncStatus } from '../../../../electron/api';
import { createCore } from '../../../../electron/core';
import { createNodePlatform } from '../../../../electron/core/platform/node';
import { decidableItems } from '../../../support/analysed';

const upstreamUrl = process.env.FAULTS_UPSTREAM_URL;
const dataDir = process.env.FAULTS_DATA_DIR;
if (!upstreamUrl || !dataDir) throw new Error('Set FAULTS_UPSTREAM_URL and FAULTS_DATA_DIR for the decider process');

const say = (line: string) => process.stdout.write(`${line}\n`);

const core = await createCore({
  platform: createNodePlatform({ dataDir, log: (line) => process.stderr.write(`${line}\n`) }),
  upstreamUrl,
  undoMs: 0,
  syncPollMs: 20,
  syncBackoff: { baseMs: 20, capMs: 200 },
  // One analysis thread with the real model: results with scores are kept in the store, so after
  // the first run a restart finds its batch analysed and may decide at once (core refuses before).
  analysisThreads: 1,
});

if (process.env.FAULTS_DRAIN === '1') {
  let status = (await core.dispatch('sync.now', {})) as SyncStatus;
  for (let tries = 0; status.pendingUploads > 0 && tries < 200; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    status = (await core.dispatch('sync.now', {})) as SyncStatus;
  }
  say(`drained ${status.pendingUploads}`);
  await core.close();
  process.exit(0);
}

const { account } = (await core.dispatch('session.current', {})) as { account: unknown };
if (!account) await core.dispatch('session.login', { username: 'mod1', password: 'demo' });
let queue = (await core.dispatch('queue.state', {})) as QueueState;
if (!queue.assignment) queue = (await core.dispatch('queue.lease', { size: 20 })) as QueueState;
const items = await decidableItems(
  core.dispatch,
  queue.items.map((i) => i.id),
);
say('ready');

// Decided items are corrected round after round, so one small batch serves the whole test.
for (let i = 0; ; i++) {
  const itemId = items[i % items.length]!;
  const { decision } = (await core.dispatch('review.decide', { itemId, action: 'approve', reasonCode: null, note: `pass ${i}` })) as {
    decision: { id: string };
  };
  say(`decided ${decision.id}`);
  await new Promise((resolve) => setTimeout(resolve, 5));
}
