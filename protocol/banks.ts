/** Hash banks: named, versioned sets of PDQ, vPDQ, SHA-256 and MD5 hashes with a policy category. */
import { z } from 'zod';
import { hexSchema, idSchema } from './wire';

/** What a hash bank holds; a report's bank match names one. child_safety matches are never rendered. */
export const BANK_CATEGORIES = ['child_safety', 'terrorism', 'previously_actioned'] as const;
export const bankCategorySchema = z.enum(BANK_CATEGORIES);
export type BankCategory = z.infer<typeof bankCategorySchema>;

/** vpdq: Meta's video hash, a list of frame PDQ hashes with their qualities (see encodeVpdqHex). */
export const HASH_KINDS = ['pdq', 'sha256', 'md5', 'vpdq'] as const;
export type BankHashKind = (typeof HASH_KINDS)[number];
/** Hex digits of each fixed-length kind of hash; a vpdq hash is VPDQ_FRAME_HEX digits per frame. */
export const HEX_LENGTH = { pdq: 64, sha256: 64, md5: 32 } as const satisfies Record<Exclude<BankHashKind, 'vpdq'>, number>;

/** One frame of a vpdq hash: its quality (0..100) as 2 hex digits, then its 64-digit PDQ hash. */
export const VPDQ_FRAME_HEX = 66;
/** Two hours at vPDQ's one frame a second: longer hash lists are refused. */
export const VPDQ_MAX_FRAMES = 7200;

export interface VpdqBankFrame {
  quality: number;
  hash: string;
}

/**
 * A vpdq bank hash on the wire: every frame's quality and PDQ hash, concatenated in hex. The
 * matcher treats a hash list as a bag (frame numbers and timestamps play no part), so they are
 * not carried; lowercase hex keeps it a plain hash value wherever hashes are stored.
 */
export function encodeVpdqHex(frames: readonly VpdqBankFrame[]): string {
  return frames.map((f) => f.quality.toString(16).padStart(2, '0') + f.hash.toLowerCase()).join('');
}

export function decodeVpdqHex(hex: string): VpdqBankFrame[] {
  const frames: VpdqBankFrame[] = [];
  for (let at = 0; at < hex.length; at += VPDQ_FRAME_HEX) {
    frames.push({ quality: Number.parseInt(hex.slice(at, at + 2), 16), hash: hex.slice(at + 2, at + VPDQ_FRAME_HEX) });
  }
  return frames;
}

export const vpdqHexSchema = z
  .string()
  .regex(/^[0-9a-f]+$/, 'must be lowercase hex')
  .refine((hex) => hex.length % VPDQ_FRAME_HEX === 0 && hex.length / VPDQ_FRAME_HEX <= VPDQ_MAX_FRAMES, {
    message: `must be 1 to ${VPDQ_MAX_FRAMES} frames of ${VPDQ_FRAME_HEX} hex digits (quality, then PDQ hash)`,
  })
  .refine((hex) => decodeVpdqHex(hex).every((f) => f.quality <= 100), { message: 'a frame quality is over 100' });

export const bankEntrySchema = z.discriminatedUnion('kind', [
  z.strictObject({ id: idSchema, kind: z.literal('pdq'), hash: hexSchema(HEX_LENGTH.pdq) }),
  z.strictObject({ id: idSchema, kind: z.literal('sha256'), hash: hexSchema(HEX_LENGTH.sha256) }),
  z.strictObject({ id: idSchema, kind: z.literal('md5'), hash: hexSchema(HEX_LENGTH.md5) }),
  z.strictObject({ id: idSchema, kind: z.literal('vpdq'), hash: vpdqHexSchema }),
]);
export type BankEntry = z.infer<typeof bankEntrySchema>;

export const hashBankSchema = z.object({ id: idSchema, name: z.string(), category: bankCategorySchema, version: z.int().positive() });
export type HashBank = z.infer<typeof hashBankSchema>;
