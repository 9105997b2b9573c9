/**
 * A PDQ hash: 256 bits in eight 32-bit words. Bit k (k = 0..255) is bit (k % 32) of word
 * floor(k / 32), so 16-bit word w of the reference's layout is the low (w even) or high (w odd)
 * half of word floor(w / 2). Bit k belongs to DCT cell (row k >> 4, column k & 15).
 */
export type PdqHash = Uint32Array;

export const PDQ_HASH_WORDS = 8;
export const PDQ_HEX_LENGTH = 64;

export class PdqHexError extends Error {
  override readonly name = 'PdqHexError';
}

export function emptyHash(): PdqHash {
  return new Uint32Array(PDQ_HASH_WORDS);
}

/** 64 lowercase hex digits, most significant first: reference 16-bit word 15 leads, word 0 ends. */
export function toHex(hash: PdqHash): string {
  let hex = '';
  for (let w = PDQ_HASH_WORDS - 1; w >= 0; w--) {
    hex += (hash[w]! >>> 0).toString(16).padStart(8, '0');
  }
  return hex;
}

/** Value of each ASCII hex digit, -1 for any other code: one lookup a digit, a bank load reads millions. */
const HEX_DIGITS = Int8Array.from({ length: 128 }, (_, code) => {
  const digit = Number.parseInt(String.fromCharCode(code), 16);
  return Number.isNaN(digit) ? -1 : digit;
});

export function fromHex(hex: string): PdqHash {
  const hash = emptyHash();
  let invalid = hex.length !== PDQ_HEX_LENGTH;
  for (let w = 0; w < PDQ_HASH_WORDS && !invalid; w++) {
    let word = 0;
    for (let at = PDQ_HEX_LENGTH - 8 * w - 8, end = at + 8; at < end; at++) {
      const digit = HEX_DIGITS[hex.charCodeAt(at)] ?? -1;
      invalid ||= digit < 0;
      word = (word << 4) | digit;
    }
    hash[w] = word;
  }
  if (invalid) {
    throw new PdqHexError(`A PDQ hash must be exactly 64 hex digits; got ${hex.length} characters starting "${hex.slice(0, 16)}".`);
  }
  return hash;
}

/** SWAR popcount: a handful of integer ops per word, no table lookups. */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

export function hammingDistance(a: PdqHash, b: PdqHash): number {
  return (
    popcount32(a[0]! ^ b[0]!) +
    popcount32(a[1]! ^ b[1]!) +
    popcount32(a[2]! ^ b[2]!) +
    popcount32(a[3]! ^ b[3]!) +
    popcount32(a[4]! ^ b[4]!) +
    popcount32(a[5]! ^ b[5]!) +
    popcount32(a[6]! ^ b[6]!) +
    popcount32(a[7]! ^ b[7]!)
  );
}
