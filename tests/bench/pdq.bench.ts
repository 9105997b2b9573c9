// PDQ against Meta's C++ reference tools, per conformance JPEG, in one run. Run: npm run bench -- pdq
// Timed is what the product runs (analyseMedia): the pipeline's own decode (decodeStoredPixels),
// the 512x512 nearest-neighbour pre-shrink, then the hash with its 7 dihedral hashes.
//  - hash alone on the pre-shrunk pixels, 1 hash and all 8: peer `benchmark-photo-hasher` (its
//    in-process hash timer, which also starts from decoded, pre-shrunk pixels);
//  - decode + pre-shrink + 8 hashes end to end: peer `pdq-photo-hasher --pdqdih-across` over the
//    file named N times in one call, minus the start-up of a `--help` call.
// Ours and the peer's batches alternate within each round, so load from other work hits both.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspectImage, resolveLimits } from '../../electron/core/media';
import { PDQ_PRESHRINK_SIDE, pdqHash, pdqHashWithDihedral, preshrinkNearest } from '../../electron/core/signals/pdq';
import { decodeStoredPixels } from '../../electron/core/signals/pipeline/storedPixels';
import { pdqCppPeer } from './peers';

const ROUNDS = 5;
/** Each batch of calls lasts about this long, so timer and process start-up are small beside it. */
const BATCH_MS = 60;
/** Files per pdq-photo-hasher call at least, for images it does not shrink, so its start-up (about 2.4 ms, subtracted) is small beside them. */
const PEER_MIN_FILES = 200;

const fixtures = path.resolve(import.meta.dirname, '../fixtures/pdq');
const files = ['data', 'pytx-resources']
  .flatMap((dir) => (readdirSync(path.join(fixtures, dir), { recursive: true }) as string[]).map((f) => path.join(dir, f)))
  .filter((f) => /\.jpe?g$/i.test(f))
  .sort();

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
};

async function msPerCall(calls: number, call: () => unknown): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < calls; i++) await call();
  return (performance.now() - start) / calls;
}

class PeerError extends Error {
  override readonly name = 'PeerError';
}

function runPeer(bin: string, args: string[]): { ms: number; stdout: string } {
  const start = performance.now();
  const result = spawnSync(bin, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new PeerError(`${path.basename(bin)} ${args.slice(0, 3).join(' ')} exited ${result.status}: ${result.stderr}`);
  return { ms, stdout: result.stdout };
}

/** benchmark-photo-hasher's in-process hash timer over `calls` hashes of the one file in `folder`, per hash. */
function peerHashMs(bin: string, folder: string, calls: number, dihedral: boolean): number {
  const { stdout } = runPeer(bin, ['-n', String(calls), ...(dihedral ? ['--dihedral'] : []), folder]);
  const seconds = /(?:TIME SPENT HASHING PHOTOS \(SECONDS\)|PHOTO HASHING SECONDS):\s*([\d.]+)/.exec(stdout)?.[1];
  if (seconds === undefined) throw new PeerError(`benchmark-photo-hasher printed no hashing time:\n${stdout.slice(-400)}`);
  return (Number(seconds) * 1000) / calls;
}

interface Row {
  file: string;
  size: string;
  ours: { hash1: number[]; hash8: number[]; endToEnd: number[]; decode: number[] };
  peer: { hash1: number[]; hash8: number[]; endToEnd: number[] };
}

console.log(`\npdq bench: ${files.length} conformance JPEGs, ${ROUNDS} rounds, batches of about ${BATCH_MS} ms, medians`);
console.log(
  `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), node ${process.version}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
const peer = pdqCppPeer();
if ('missing' in peer) console.log(`peer: SKIPPED Meta's C++ tools (${peer.missing}); our figures only`);
else console.log(`peer: Meta's C++ tools in ${peer.dir}`);

const limits = resolveLimits(undefined);
const workDir = mkdtempSync(path.join(os.tmpdir(), 'pdq-bench-'));
const rows: Row[] = [];
try {
  for (const file of files) {
    const bytes = readFileSync(path.join(fixtures, file));
    const inspected = await inspectImage(bytes, 'image/jpeg', limits);
    if (!inspected.ok) throw new Error(`${file}: ${JSON.stringify(inspected.failure)}`);
    const { header } = inspected;
    const decode = () => decodeStoredPixels(bytes, header, limits);
    const endToEnd = async () => pdqHashWithDihedral(preshrinkNearest(await decode()));
    const shrunk = preshrinkNearest(await decode());
    await endToEnd();
    const ourMs = await msPerCall(3, endToEnd);
    const calls = Math.max(3, Math.min(500, Math.round(BATCH_MS / ourMs)));
    // The peer is far quicker per file on images it does not shrink: enough files per call that start-up noise stays small beside them.
    const peerCalls = header.width <= PDQ_PRESHRINK_SIDE && header.height <= PDQ_PRESHRINK_SIDE ? Math.max(calls, PEER_MIN_FILES) : calls;
    const hashCalls = Math.max(3, Math.min(500, Math.round(BATCH_MS / (await msPerCall(3, () => pdqHashWithDihedral(shrunk))))));
    // benchmark-photo-hasher reads every regular file of a folder (links are skipped), so each file gets a folder of its own.
    const folder = path.join(workDir, String(rows.length));
    mkdirSync(folder);
    copyFileSync(path.join(fixtures, file), path.join(folder, path.basename(file)));
    const row: Row = {
      file,
      size: `${header.width}x${header.height}`,
      ours: { hash1: [], hash8: [], endToEnd: [], decode: [] },
      peer: { hash1: [], hash8: [], endToEnd: [] },
    };
    for (let round = 0; round < ROUNDS; round++) {
      row.ours.hash1.push(await msPerCall(hashCalls, () => pdqHash(shrunk)));
      row.ours.hash8.push(await msPerCall(hashCalls, () => pdqHashWithDihedral(shrunk)));
      row.ours.endToEnd.push(await msPerCall(calls, endToEnd));
      row.ours.decode.push(await msPerCall(calls, decode));
      if ('dir' in peer) {
        const bin = (name: string): string => path.join(peer.dir, 'bin', name);
        row.peer.hash1.push(peerHashMs(bin('benchmark-photo-hasher'), folder, hashCalls, false));
        row.peer.hash8.push(peerHashMs(bin('benchmark-photo-hasher'), folder, hashCalls, true));
        const startUp = median([0, 1, 2].map(() => runPeer(bin('pdq-photo-hasher'), ['--help']).ms));
        const all = runPeer(bin('pdq-photo-hasher'), ['--pdqdih-across', ...Array.from({ length: peerCalls }, () => path.join(fixtures, file))]).ms;
        row.peer.endToEnd.push((all - startUp) / peerCalls);
      }
    }
    rows.push(row);
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

const fmt = (ms: number): string => (ms >= 10 ? ms.toFixed(1) : ms.toFixed(2)).padStart(6);
const ratio = (ours: number, theirs: number | undefined): string => (theirs === undefined ? '     -' : (ours / theirs).toFixed(2).padStart(6));
const stages = ['hash1', 'hash8', 'endToEnd'] as const;
const titles = { hash1: 'hash alone, 1', hash8: 'hash alone, 8 dihedral', endToEnd: 'decode + pre-shrink + 8 hashes' };
console.log(`\nms per file (ours / C++ / ratio); "decode" is our decode alone, inside end to end\n`);
console.log(`${'file'.padEnd(46)} ${'size'.padStart(9)} | ${stages.map((s) => titles[s].padEnd(22)).join(' | ')} | decode`);
const ratios: Record<(typeof stages)[number], number[]> = { hash1: [], hash8: [], endToEnd: [] };
for (const row of rows) {
  const cells = stages.map((stage) => {
    const ours = median(row.ours[stage]);
    const theirs = row.peer[stage].length > 0 ? median(row.peer[stage]) : undefined;
    if (theirs !== undefined) ratios[stage].push(ours / theirs);
    return `${fmt(ours)} ${theirs === undefined ? '     -' : fmt(theirs)} ${ratio(ours, theirs)}`;
  });
  console.log(`${row.file.padEnd(46)} ${row.size.padStart(9)} | ${cells.join(' | ')} | ${fmt(median(row.ours.decode))}`);
}
const total = (stage: (typeof stages)[number], side: 'ours' | 'peer'): number =>
  rows.reduce((sum, row) => sum + (row[side][stage].length > 0 ? median(row[side][stage]) : 0), 0);
console.log('\noverall:');
for (const stage of stages) {
  const ours = total(stage, 'ours');
  if (ratios[stage].length === 0) {
    console.log(`  ${titles[stage].padEnd(32)} ours ${ours.toFixed(1)} ms over ${rows.length} files (peer skipped)`);
    continue;
  }
  const theirs = total(stage, 'peer');
  const geomean = Math.exp(ratios[stage].reduce((sum, r) => sum + Math.log(r), 0) / ratios[stage].length);
  const worst = Math.max(...ratios[stage]);
  const over = ratios[stage].filter((r) => r > 1).length;
  console.log(
    `  ${titles[stage].padEnd(32)} ours ${ours.toFixed(1)} ms, C++ ${theirs.toFixed(1)} ms over ${rows.length} files: ratio of sums ${(ours / theirs).toFixed(2)}, geometric mean ${geomean.toFixed(2)}, worst ${worst.toFixed(2)}, files over 1.0: ${over}`,
  );
}
console.log(
  `load average at the end: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}\n`,
);
