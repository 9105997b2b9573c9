import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fromHex, hammingDistance, PdqHexError, popcount32, toHex } from '../../../electron/core/signals/pdq';

const hexHash = fc.stringMatching(/^[0-9a-f]{64}$/);

function bitByBitDistance(a: string, b: string): number {
  let distance = 0;
  for (let i = 0; i < 64; i++) {
    const x = Number.parseInt(a[i]!, 16) ^ Number.parseInt(b[i]!, 16);
    distance += (x & 1) + ((x >> 1) & 1) + ((x >> 2) & 1) + ((x >> 3) & 1);
  }
  return distance;
}

describe('hash text form and distance', () => {
  test('hex round-trips, and upper case reads as lower case', () => {
    fc.assert(
      fc.property(hexHash, (hex) => {
        expect(toHex(fromHex(hex))).toBe(hex);
        expect(toHex(fromHex(hex.toUpperCase()))).toBe(hex);
      }),
    );
  });

  test('bit k of the hash is bit k of the 256-bit number written big-endian', () => {
    const lowest = fromHex(`${'0'.repeat(63)}1`);
    expect(lowest[0]).toBe(1);
    const highest = fromHex(`8${'0'.repeat(63)}`);
    expect(highest[7]).toBe(0x80000000);
    // Reference 16-bit word 1 (DCT row 1) is the second-to-last group of four digits.
    expect(fromHex(`${'0'.repeat(56)}abcd0000`)[0]).toBe(0xabcd0000);
  });

  test('rejects text that is not 64 hex digits, saying what it got', () => {
    expect(() => fromHex('abc')).toThrow(PdqHexError);
    expect(() => fromHex('g'.repeat(64))).toThrow(/64 hex digits/);
    expect(() => fromHex(`${'0'.repeat(64)}\n`)).toThrow(PdqHexError);
  });

  test('hamming distance equals a bit-by-bit count', () => {
    fc.assert(
      fc.property(hexHash, hexHash, (a, b) => {
        expect(hammingDistance(fromHex(a), fromHex(b))).toBe(bitByBitDistance(a, b));
      }),
    );
    expect(hammingDistance(fromHex('f'.repeat(64)), fromHex('0'.repeat(64)))).toBe(256);
  });

  test('popcount32 on edge words', () => {
    expect(popcount32(0)).toBe(0);
    expect(popcount32(0xffffffff)).toBe(32);
    expect(popcount32(0x80000001)).toBe(2);
    expect(popcount32(-1)).toBe(32);
  });
});
