export type Locale = 'en' | 'es' | 'de';

export interface DemoMedia {
  sha256: string;
  mimeType: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
  byteLength: number;
}

export interface PlatformAccount {
  id: string;
  handle: string;
  displayName: string;
  createdAt: string;
  priorStrikes: number;
  priorActions: string[];
  followers: number;
  bio: string;
}

export interface ItemComment {
  id: string;
  authorHandle: string;
  text: string;
  createdAt: string;
}

export interface ThreadMessage {
  id: string;
  fromHandle: string;
  toHandle: string;
  text: string;
  sentAt: string;
}

export interface ReviewItem {
  id: string;
  kind: 'post' | 'comment' | 'direct_message';
  locale: Locale;
  createdAt: string;
  source: 'user_report' | 'proactive';
  reportReason: string | null;
  /** 0..2 images; posts always have at least one. */
  media: DemoMedia[];
  caption: string | null;
  comments: ItemComment[];
  thread: ThreadMessage[];
  account: PlatformAccount;
  demoTags: string[];
}

export interface DemoMediaFile {
  bytes: Buffer;
  mimeType: DemoMedia['mimeType'];
}

export interface DemoData {
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
