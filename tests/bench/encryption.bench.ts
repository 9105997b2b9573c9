// What encryption at rest costs, against the same store without it, in one run: decisions per
// second (each a durable transaction: decision + outbox entry, synchronous=FULL) and the latency
// of reading a 1 MP JPEG back and rendering its default preview (media unsealed with AES-256-GCM).
// Run: npm run bench -- encryption
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { renderPreview } from '../../electron/core/media';
import { newRootKey, openStore, type Store } from '../../electron/core/store';
import { decisionRecord, reviewItem, tempDir } from '../unit/store/fixtures';

const RUNS = 5;
const DECISIONS = 400;
const PREVIEWS = 40;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function photo(): Promise<Buffer> {
  const { data, info } = await sharp({ create: { width: 1200, height: 834, channels: 3, background: '#808080' } })
    .raw()
    .toBuffer({ resolveWithObject: true });
  for (let i = 0; i < data.length; i++) data[i] = (i * 2654435761) >>> 24;
  return sharp(data, { raw: info }).jpeg({ quality: 85 }).toBuffer();
}

function withBatch(store: Store, items: number): void {
  store.saveAssignment(
    { id: 'asg-1', accountId: 'mod-1', leasedAt: new Date().toISOString(), leaseExpiresAt: new Date(Date.now() + 3_600_000).toISOString() },
    Array.from({ length: items }, (_, i) => reviewItem(`i${i}`)),
  );
}

async function measure(label: string, rootKey: string | undefined, jpeg: Buffer): Promise<{ decisionsPerSecond: number; previewMs: number }> {
  const rates: number[] = [];
  const previews: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const tmp = tempDir(`enc-bench-${label}`);
    const store = openStore(path.join(tmp.dir, 'workstation.db'), rootKey === undefined ? {} : { rootKey });
    try {
      withBatch(store, DECISIONS);
      const start = performance.now();
      for (let i = 0; i < DECISIONS; i++)
        store.recordDecision(decisionRecord({ id: `d${run}-${i}`, itemId: `i${i}` }), { idempotencyKey: `d${run}-${i}` });
      rates.push(DECISIONS / ((performance.now() - start) / 1000));
      store.putMedia({ sha256: 'f'.repeat(64), mimeType: 'image/jpeg', bytes: jpeg }, new Date().toISOString());
      const t = performance.now();
      for (let i = 0; i < PREVIEWS; i++) await renderPreview(store.media('f'.repeat(64))!.bytes, { tier: 'heavy', grayscale: true, maxSize: 240 });
      previews.push((performance.now() - t) / PREVIEWS);
    } finally {
      store.close();
      tmp.remove();
    }
  }
  const result = { decisionsPerSecond: median(rates), previewMs: median(previews) };
  console.log(
    `  ${label.padEnd(34)} ${result.decisionsPerSecond.toFixed(0).padStart(6)} decisions/s   ${result.previewMs.toFixed(2).padStart(6)} ms per preview`,
  );
  return result;
}

console.log(`encryption bench: median of ${RUNS} runs; ${DECISIONS} durable decisions and ${PREVIEWS} previews of a 1 MP JPEG per run`);
console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}); figures are noisy on a shared machine\n`);
const jpeg = await photo();
const plain = await measure('plain SQLite, media as received', undefined, jpeg);
const sealed = await measure('SQLCipher + AES-256-GCM media', newRootKey(), jpeg);
console.log(
  `\ncost of encryption: decisions ${(plain.decisionsPerSecond / sealed.decisionsPerSecond).toFixed(2)}x slower, previews ${(sealed.previewMs / plain.previewMs).toFixed(2)}x the time`,
);
