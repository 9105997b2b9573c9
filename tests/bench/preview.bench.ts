// ms per preview set (heavy, medium and light blur, grayscale, 240 px) from a 1-megapixel JPEG:
// ours (resize, then blur at preview size) vs the naive order (blur at full size with the sigma
// scaled up to look the same, then resize), in one process; plus the cost of a preview-cache hit.
// Run: npx tsx tests/bench/preview.bench.ts
import os from 'node:os';
import sharp from 'sharp';
import { contentHashes } from '../../electron/core/media/decode';
import { createPreviewCache, renderPreview, type PreviewOptions, type PreviewTier } from '../../electron/core/media/preview';
import { texturedJpeg } from '../unit/decode/fixtures';

const RUNS = 7;
const WARMUP = 2;
const HITS_PER_RUN = 2000;
const SIZE = 240;
/** The same fractions as electron/core/media/preview/tiers.ts, applied by hand for the naive peer. */
const BLUR_TIERS: Array<[PreviewTier, number]> = [
  ['heavy', 0.08],
  ['medium', 0.04],
  ['light', 0.01],
];

async function median(label: string, unitsPerRun: number, unit: string, run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < WARMUP; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    samples.push((performance.now() - start) / unitsPerRun);
  }
  samples.sort((a, b) => a - b);
  const mid = samples[Math.floor(samples.length / 2)] ?? Number.NaN;
  const fmt = (ms: number) => (ms < 0.1 ? `${(ms * 1000).toFixed(2)} us` : `${ms.toFixed(2)} ms`);
  console.log(`  ${label.padEnd(58)} ${fmt(mid).padStart(11)}/${unit}  (min ${fmt(samples[0] ?? mid)}, max ${fmt(samples.at(-1) ?? mid)})`);
  return mid;
}

async function naivePreview(bytes: Buffer, sigmaAtOutput: number, fullLongSide: number): Promise<Buffer> {
  const blurred = await sharp(bytes)
    .autoOrient()
    .flatten({ background: '#ffffff' })
    .blur(sigmaAtOutput * (fullLongSide / SIZE))
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height, channels } = blurred.info;
  return sharp(blurred.data, { raw: { width, height, channels } })
    .resize({ width: SIZE, height: SIZE, fit: 'inside' })
    .grayscale()
    .webp({ lossless: true, effort: 0 })
    .toBuffer();
}

const WIDTH = 1200;
const HEIGHT = 834;
const photo = await texturedJpeg(WIDTH, HEIGHT);
const sets: PreviewOptions[] = BLUR_TIERS.map(([tier]) => ({ tier, grayscale: true, maxSize: SIZE }));
const THUMB: PreviewOptions = { tier: 'heavy', grayscale: true, maxSize: SIZE };

console.log(
  `\npreview bench: ${WIDTH}x${HEIGHT} JPEG (${((WIDTH * HEIGHT) / 1e6).toFixed(2)} MP, ${photo.length} bytes) -> heavy+medium+light, grayscale, ${SIZE} px`,
);
console.log(
  `${RUNS} runs after ${WARMUP} warm-up, median; sharp ${sharp.versions.sharp} / libvips ${sharp.versions.vips}, sharp concurrency ${sharp.concurrency()}`,
);
console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), SHARED with other engineers' builds: figures are noisy\n`);

const ours = await median('ours: renderPreview (resize, then blur at 240 px)', 1, 'set', async () => {
  for (const options of sets) await renderPreview(photo, options);
});
const naive = await median('peer: naive (blur at full size, then resize)', 1, 'set', async () => {
  for (const [, fraction] of BLUR_TIERS) await naivePreview(photo, fraction * SIZE, WIDTH);
});
console.log(`  ratio naive / ours: ${(naive / ours).toFixed(1)}x\n`);

const cache = createPreviewCache({ maxBytes: 8 * 1024 * 1024 });
const { sha256 } = contentHashes(photo);
for (const options of sets) await cache.getOrRender(sha256, options, () => renderPreview(photo, options));
const hit = await median('cache hit (getOrRender, sha256 known)', HITS_PER_RUN, 'hit', async () => {
  for (let i = 0; i < HITS_PER_RUN; i++) {
    const options = sets[i % sets.length] ?? THUMB;
    await cache.getOrRender(sha256, options, () => renderPreview(photo, options));
  }
});
const hashedHit = await median('cache hit, hashing the bytes first (sha256 not known)', HITS_PER_RUN / 10, 'hit', async () => {
  for (let i = 0; i < HITS_PER_RUN / 10; i++) await cache.getOrRender(contentHashes(photo).sha256, THUMB, () => renderPreview(photo, THUMB));
});
const stats = cache.stats();
const perPreview = ours / sets.length;
console.log(
  `  ratio one preview render / cache hit: ${(perPreview / hit).toFixed(0)}x (sha256 known), ${(perPreview / hashedHit).toFixed(0)}x (hashed first)`,
);
console.log(`  cache after bench: ${stats.entries} entries, ${stats.bytes} bytes, ${stats.misses} misses, ${stats.hits} hits\n`);
