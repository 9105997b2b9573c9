// PDQ hashing speed. Run: npx tsx tests/bench/pdq.bench.ts
// 1) decode + hash of dih/bridge-1-original.jpg (1600x1004); peer: the sharp decode alone.
// 2) hash only of a decoded 512x512 photo, against the 5 ms goal.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { pdqHash, pdqHashWithDihedral, type PdqPixels } from '../../electron/core/signals/pdq';

const RUNS = 7;
const CALLS_PER_RUN = 10;
const GOAL_MS_512 = 5;

const conformance = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/pdq/data');

async function decode(bytes: Buffer): Promise<PdqPixels> {
  const { data, info } = await sharp(bytes, { ignoreIcc: true }).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

/** Median over RUNS of the mean ms per call within a run of CALLS_PER_RUN calls (after one warm-up run). */
async function msPerCall(label: string, call: () => unknown): Promise<number> {
  const perRun: number[] = [];
  for (let run = -1; run < RUNS; run++) {
    const start = performance.now();
    for (let i = 0; i < CALLS_PER_RUN; i++) await call();
    if (run >= 0) perRun.push((performance.now() - start) / CALLS_PER_RUN);
  }
  perRun.sort((a, b) => a - b);
  const median = perRun[RUNS >> 1]!;
  console.log(`  ${label.padEnd(44)} ${median.toFixed(2).padStart(7)} ms  (runs ${perRun[0]!.toFixed(2)}..${perRun.at(-1)!.toFixed(2)})`);
  return median;
}

console.log(`\npdq bench: median of ${RUNS} runs x ${CALLS_PER_RUN} calls, after a warm-up run`);
console.log(
  `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), node ${process.version}; SHARED with other engineers' builds, figures are noisy\n`,
);

const bridgeBytes = readFileSync(path.join(conformance, 'reg-test-input/dih/bridge-1-original.jpg'));
const bridge = await decode(bridgeBytes);
console.log(`bridge-1-original.jpg ${bridge.width}x${bridge.height}, full resolution (no pre-shrink):`);
const decodeMs = await msPerCall('peer: sharp decode alone', () => decode(bridgeBytes));
const hashMs = await msPerCall('pdqHash on the decoded pixels', () => pdqHash(bridge));
const bothMs = await msPerCall('decode + pdqHashWithDihedral', async () => pdqHashWithDihedral(await decode(bridgeBytes)));
console.log(`  ratio hash / decode: ${(hashMs / decodeMs).toFixed(2)}   (decode + hash / decode: ${(bothMs / decodeMs).toFixed(2)})\n`);

const square = await decode(readFileSync(path.join(conformance, 'bridge-mods/square-512x512.jpg')));
console.log(`square-512x512.jpg ${square.width}x${square.height}, hash only:`);
const hash512 = await msPerCall('pdqHash', () => pdqHash(square));
const dihedral512 = await msPerCall('pdqHashWithDihedral (8 hashes)', () => pdqHashWithDihedral(square));
const verdict = hash512 < GOAL_MS_512 ? 'meets' : 'MISSES';
console.log(`  goal < ${GOAL_MS_512} ms: measured ${hash512.toFixed(2)} ms (${dihedral512.toFixed(2)} ms with dihedrals) -> ${verdict} the goal\n`);
