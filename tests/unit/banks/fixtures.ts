import { DIHEDRAL_NAMES } from '../../../electron/core/signals/pdq';
import { type MediaAnalysis } from '../../../electron/core/signals/pipeline';

import { xorshift32 } from '../../support/xorshift32';

export const seeded = xorshift32;

export function randomHex(next: () => number, digits: number): string {
  let hex = '';
  while (hex.length < digits) hex += next().toString(16).padStart(8, '0');
  return hex.slice(0, digits);
}

/** The hash with its first `bits` bits (from the least significant end of the hex) inverted. */
export function flipBits(hex: string, bits: number): string {
  const digits = hex.split('').map((d) => Number.parseInt(d, 16));
  for (let bit = 0; bit < bits; bit++) {
    const digit = digits.length - 1 - Math.floor(bit / 4);
    digits[digit]! ^= 1 << (bit % 4);
  }
  return digits.map((d) => d.toString(16)).join('');
}

/** An analysed media record with the given PDQ hash; its dihedral hashes are unrelated random ones. */
export function analysedWith(pdqHash: string, quality = 100, seed = 99): MediaAnalysis {
  const next = seeded(seed);
  return {
    status: 'analysed',
    sha256: randomHex(next, 64),
    md5: randomHex(next, 32),
    format: 'jpeg',
    width: 640,
    height: 480,
    pdq: {
      hash: pdqHash,
      quality,
      dihedral: Object.fromEntries(DIHEDRAL_NAMES.map((name) => [name, randomHex(next, 64)])) as Record<(typeof DIHEDRAL_NAMES)[number], string>,
    },
    classifier: { unavailable: 'not needed here' },
  };
}
