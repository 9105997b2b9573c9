import type { MediaRef, PlatformAccount, ReviewItem } from '@workstation/protocol';

/** A generated image (JPEG or PNG) or video (MP4: H.264, some with AAC sound). */
export type DemoMedia = MediaRef & { mimeType: 'image/jpeg' | 'image/png' | 'video/mp4' };

export interface DemoMediaFile {
  bytes: Buffer;
  mimeType: DemoMedia['mimeType'];
}

export interface DemoData {
  /** Posts have 1..2 images or one video, other items 0..1 images or one video. */
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
  /** The clip the demo child-safety bank lists by its vPDQ. */
  videoHashBankMatch: 'video_hash_bank_match',
  /** An edited copy of that clip (cropped, a logo, grayscale): it must still match by vPDQ. */
  videoEditedCopy: 'video_edited_copy',
} as const;
