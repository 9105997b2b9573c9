import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startUpstream, type Upstream } from '../../../upstream';
import { seededRandom } from '../../unit/sync/seededRandom';
import { tempDir } from '../../unit/store/fixtures';
import { duplicates, outboxStates, upstreamDecisions } from './support/workstation';
import { storeRootKeyOf } from '../../support/storeFile';
import { fileKeychain, unsealed } from '../../../electron/core/platform/fileKeychain';

const SEED = Number(process.env.FAULT_SEED ?? 1234);
const KILLS = 50;
const LIFETIME_MS: [number, number] = [100, 600];
const DECIDER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'support', 'deciderProcess.ts');

let tmp: ReturnType<typeof tempDir>;
let upstream: Upstream;

beforeAll(async () => {
  tmp = tempDir('faults-kill9');
  upstream = await startUpstream({ port: 0, size: 40, seed: 5 });
});

afterAll(async () => {
  await upstream?.close();
  tmp?.remove();
});

interface Run {
  decided: string[];
  drained: number | null;
  exit: { code: number | null; signal: NodeJS.Signals | null };
  stderr: string;
}

/** Starts the core's process; with killAfter, SIGKILLs it that long after it said "ready". */
function runDecider(killAfter: number | null, drain = false): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', DECIDER], {
    env: { ...process.env, FAULTS_UPSTREAM_URL: upstream.url, FAULTS_DATA_DIR: path.join(tmp.dir, 'data'), FAULTS_DRAIN: drain ? '1' : '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: Run = { decided: [], drained: null, exit: { code: null, signal: null }, stderr: '' };
  let buffered = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) {
      if (line === 'ready' && killAfter !== null) setTimeout(() => child.kill('SIGKILL'), killAfter);
      else if (line.startsWith('decided ')) run.decided.push(line.slice('decided '.length));
      else if (line.startsWith('drained ')) run.drained = Number(line.slice('drained '.length));
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    run.stderr = (run.stderr + chunk).slice(-4_000);
  });
  // A child that never gets to "ready" must not hang the test.
  const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      run.exit = { code, signal };
      resolve(run);
    }),
  );
}

it(`keeps every decision across ${KILLS} kill -9s of the core process`, async () => {
  const random = seededRandom(SEED);
  const dbFile = path.join(tmp.dir, 'data', 'workstation.db');
  // The decider runs on the Node platform, whose keychain is a file in its data folder.
  const rootKey = () => storeRootKeyOf(fileKeychain(path.join(tmp.dir, 'data', 'keychain.json'), unsealed));
  const seen: string[] = [];
  for (let kill = 0; kill < KILLS; kill++) {
    const lifetime = Math.round(LIFETIME_MS[0] + random() * (LIFETIME_MS[1] - LIFETIME_MS[0]));
    const run = await runDecider(lifetime);
    expect(run.exit.signal, `run ${kill} ended by itself: ${run.stderr}`).toBe('SIGKILL');
    seen.push(...run.decided);
    // Right after the kill: each decision made is on the upstream or still waiting in the outbox.
    const onUpstream = new Set((await upstreamDecisions(upstream)).map((d) => d.key));
    const outbox = outboxStates(dbFile, await rootKey());
    const missing = seen.filter((id) => !onUpstream.has(id) && outbox.get(id) !== 'pending');
    expect(missing, `after kill ${kill} (seed ${SEED})`).toEqual([]);
  }
  const pendingBeforeDrain = [...outboxStates(dbFile, await rootKey()).values()].filter((s) => s === 'pending').length;

  const final = await runDecider(null, true);
  expect(final.exit.code, final.stderr).toBe(0);
  expect(final.drained).toBe(0);

  const keys = (await upstreamDecisions(upstream)).map((d) => d.key);
  const onUpstream = new Set(keys);
  const lost = seen.filter((id) => !onUpstream.has(id));
  console.log(
    `[faults] kill-9: ${KILLS} kills (seed ${SEED}), ${seen.length} decisions made, ${pendingBeforeDrain} pending at the last kill, ` +
      `${keys.length} in upstream, ${lost.length} lost, ${duplicates(keys).length} duplicates`,
  );
  expect(seen.length).toBeGreaterThan(KILLS);
  expect(lost).toEqual([]);
  expect(duplicates(keys)).toEqual([]);
  // Made-but-not-printed decisions (killed between commit and print) may also be there; none other.
  const outbox = outboxStates(dbFile, await rootKey());
  expect(keys.every((key) => outbox.has(key))).toBe(true);
  expect([...outbox.values()].filter((s) => s === 'pending')).toEqual([]);
}, 170_000);
