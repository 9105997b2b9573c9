import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeImage, type DecodeResult } from '../../../electron/core/media/decode';
import { numberedGif, texturedJpeg, texturedPng, texturedWebp } from './fixtures';

const CODES = ['empty', 'truncated', 'type_mismatch', 'unsupported_type', 'svg_refused', 'too_many_pixels', 'too_many_bytes', 'too_small', 'corrupt'];
const HANG_LIMIT_MS = 10_000;
const quiet = { log: () => {} };

/** Fails the property (rather than the whole run timing out) if one decode never settles. */
async function decodeWithin(bytes: Buffer, declaredMime?: string): Promise<DecodeResult> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`decodeImage did not settle within ${HANG_LIMIT_MS} ms`)), HANG_LIMIT_MS);
  });
  try {
    return await Promise.race([decodeImage(bytes, declaredMime, quiet), hang]);
  } finally {
    clearTimeout(timer);
  }
}

function expectWellFormed(result: DecodeResult): void {
  if (result.ok) {
    const { image } = result;
    expect(image.width).toBeGreaterThanOrEqual(5);
    expect(image.height).toBeGreaterThanOrEqual(5);
    expect(image.data.length).toBe(image.width * image.height * 3);
  } else {
    expect(CODES).toContain(result.failure.code);
    expect(result.failure.message.length).toBeGreaterThan(20);
  }
}

const MAGIC = [
  [0xff, 0xd8, 0xff],
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  [...Buffer.from('GIF89a')],
  [...Buffer.from('RIFF\u0010\u0000\u0000\u0000WEBPVP8 ', 'latin1')],
  [...Buffer.from('<svg')],
];

type Mutation = { kind: 'flip'; at: number; xor: number } | { kind: 'cut'; at: number } | { kind: 'insert'; at: number; bytes: Uint8Array };

function mutate(original: Buffer, mutations: Mutation[]): Buffer {
  let bytes = Buffer.from(original);
  for (const mutation of mutations) {
    const at = Math.floor(mutation.at * bytes.length);
    if (mutation.kind === 'flip' && at < bytes.length) bytes[at] = (bytes[at] ?? 0) ^ mutation.xor;
    if (mutation.kind === 'cut') bytes = bytes.subarray(0, at);
    if (mutation.kind === 'insert') bytes = Buffer.concat([bytes.subarray(0, at), mutation.bytes, bytes.subarray(at)]);
  }
  return bytes;
}

const fraction = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fraction, xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fraction }),
  fc.record({ kind: fc.constant('insert' as const), at: fraction, bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
);

describe('decodeImage under arbitrary input', () => {
  let originals: Buffer[] = [];
  beforeAll(async () => {
    originals = await Promise.all([texturedJpeg(48, 40), texturedPng(48, 40), texturedWebp(48, 40), numberedGif(4)]);
  });

  it('always resolves to a DecodeResult for random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2048 }),
        fc.option(fc.constantFrom('image/jpeg', 'image/png', 'text/plain')),
        async (bytes, mime) => {
          expectWellFormed(await decodeWithin(Buffer.from(bytes), mime ?? undefined));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('always resolves for random bytes behind a real magic number, which reach the decoders', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...MAGIC), fc.uint8Array({ maxLength: 2048 }), async (magic, tail) => {
        expectWellFormed(await decodeWithin(Buffer.concat([Buffer.from(magic), tail])));
      }),
      { numRuns: 200 },
    );
  });

  it('always resolves for randomly corrupted valid images', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 3 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), async (which, mutations) => {
        const original = originals[which];
        if (!original) throw new Error('fixture missing');
        expectWellFormed(await decodeWithin(mutate(original, mutations)));
      }),
      { numRuns: 300 },
    );
  });
});
