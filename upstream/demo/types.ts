import type { MediaRef, PlatformAccount, ReviewItem } from '@workstation/protocol';

/** A generated image: always JPEG or PNG. */
export type DemoMedia = MediaRef & { mimeType: 'image/jpeg' | 'image/png' };

export interface DemoMediaFile {
  bytes: Buffer;
  mimeType: DemoMedia['mimeType'];
}

export interface DemoData {
  /** Posts have 1..2 images, other items 0..1. */
  items: ReviewItem[];
  /** Keyed by sha256 of the bytes; items may share an image (reposts). */
  media: Map<string, DemoMediaFile>;
  accounts: PlatformAccount[];
}

export interface DemoOptions {
  seed?: number;
  size?: number;
}

/** Tags that later features (hash matching, red-flag lexicons) look for. */
export const DEMO_TAGS = {
  hashBankMatch: 'hash_bank_match',
  redFlag: 'red_flag',
} as const;
