import { createHash } from 'node:crypto';
import { LOCALES, type ItemComment, type SeededLocale, type PlatformAccount, type ReviewItem, type ThreadMessage } from '@workstation/protocol';
import { Random } from './random';
import { PHRASES, PRIOR_ACTIONS, REPORT_REASONS } from './phrases';
import { renderHashBankPattern, renderSceneImage, type RenderedImage } from './images';
import { renderEditedHashBankVideo, renderHashBankVideo, renderSceneVideo, type RenderedVideo } from './videos';
import { DEMO_TAGS, type DemoData, type DemoMedia, type DemoMediaFile, type DemoOptions } from './types';

export const DEFAULT_DEMO_SEED = 1;
export const DEFAULT_DEMO_SIZE = 200;
/** One hash-bank item, one red-flag thread per locale, and the two child-safety videos. */
export const MIN_DEMO_SIZE = 6;
/** About one item in ten that would carry images carries a short video instead. */
const VIDEO_SHARE = 0.1;
export const MAX_DEMO_SIZE = 10_000;

/** Fixed clock so the same seed gives the same timestamps on any day. */
const EPOCH_MS = Date.UTC(2025, 2, 1);
const DAY_MS = 86_400_000;
const RENDER_CONCURRENCY = 4;

export class DemoOptionsError extends RangeError {
  override name = 'DemoOptionsError';
}

function validate(options: DemoOptions): { seed: number; size: number } {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const size = options.size ?? DEFAULT_DEMO_SIZE;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new DemoOptionsError(`seed must be an integer from 0 to 4294967295, got ${seed}`);
  }
  if (!Number.isInteger(size) || size < MIN_DEMO_SIZE || size > MAX_DEMO_SIZE) {
    throw new DemoOptionsError(`size must be an integer from ${MIN_DEMO_SIZE} to ${MAX_DEMO_SIZE}, got ${size}`);
  }
  return { seed, size };
}

const pad = (n: number): string => String(n).padStart(4, '0');
const iso = (ms: number): string => new Date(ms).toISOString();

function makeAccount(rng: Random, seed: number, index: number, locale: SeededLocale): PlatformAccount {
  const words = PHRASES[locale];
  const first = rng.pick(words.firstNames);
  const last = rng.pick(words.lastNames);
  const strikes = rng.chance(0.7) ? 0 : rng.int(1, 4);
  const handleBase = `${first}.${last}`
    .normalize('NFD')
    .replace(/[^A-Za-z.]/g, '')
    .toLowerCase();
  return {
    id: `acc_${seed}_${pad(index)}`,
    handle: `${handleBase}${rng.int(1, 999)}`,
    displayName: `${first} ${last}`,
    createdAt: iso(EPOCH_MS - rng.int(30, 3650) * DAY_MS),
    priorStrikes: strikes,
    priorActions: Array.from({ length: strikes }, () => rng.pick(PRIOR_ACTIONS)),
    followers: Math.floor(10 ** (1 + rng.next() * 4)),
    bio: rng.pick(words.bios),
  };
}

interface Special {
  tag: 'hash' | 'redFlag';
  locale: SeededLocale;
}

/** Distinct item positions for the tagged items, decided by the seed. */
function placeSpecials(rng: Random, size: number): Map<number, Special> {
  const wanted: Special[] = [{ tag: 'hash', locale: rng.pick(LOCALES) }, ...LOCALES.map((locale) => ({ tag: 'redFlag' as const, locale }))];
  const placed = new Map<number, Special>();
  for (const special of wanted) {
    let index = rng.int(0, size - 1);
    while (placed.has(index)) index = (index + 1) % size;
    placed.set(index, special);
  }
  return placed;
}

/**
 * The child-safety clip the demo bank lists by vPDQ, and an edited copy of it, become the media of
 * two ordinary items (posts with media where there are two, else items with media), chosen from the videos' own random
 * stream: every item keeps the draws it has without videos, so the demo's order and accounts stay.
 * They are taken from the newer half, so a shift opens on the image match and ordinary work and
 * meets the videos later in its queue.
 */
function placeChildSafetyVideos(rng: Random, drafts: Draft[]): void {
  const ordinary = drafts.filter((d) => d.item.demoTags.length === 0);
  const withMedia = ordinary.filter((d) => d.images.length > 0);
  const posts = withMedia.filter((d) => d.item.kind === 'post');
  const candidates = [posts, withMedia].find((some) => some.length >= 2) ?? ordinary;
  candidates.sort((a, b) => (a.item.createdAt < b.item.createdAt ? 1 : -1));
  const pool = candidates.slice(0, Math.max(2, Math.ceil(candidates.length / 2)));
  for (const [job, tag] of [
    [{ kind: 'hashBankVideo' }, DEMO_TAGS.videoHashBankMatch],
    [{ kind: 'editedHashBankVideo' }, DEMO_TAGS.videoEditedCopy],
  ] as const) {
    const [draft] = pool.splice(rng.int(0, pool.length - 1), 1);
    if (!draft) return;
    draft.images = [job];
    draft.item.demoTags = [tag];
  }
}

type ImageJob =
  | { kind: 'scene'; rng: Random }
  | { kind: 'hashBank' }
  | { kind: 'sceneVideo'; rng: Random }
  | { kind: 'hashBankVideo' }
  | { kind: 'editedHashBankVideo' };

interface Draft {
  item: Omit<ReviewItem, 'media'>;
  images: ImageJob[];
}

function draftItem(
  rng: Random,
  seed: number,
  index: number,
  accounts: readonly PlatformAccount[],
  localeOf: ReadonlyMap<string, SeededLocale>,
  special: Special | undefined,
  earlierImages: ImageJob[],
  videoRng: Random,
): Draft {
  // A power above one skews towards the first accounts, so several items share an account.
  const byPopularity = (): PlatformAccount => accounts[Math.floor(accounts.length * rng.next() ** 1.5)]!;
  let account = byPopularity();
  if (special) {
    account =
      accounts.find((a) => localeOf.get(a.id) === special.locale && rng.chance(0.5)) ??
      accounts.find((a) => localeOf.get(a.id) === special.locale) ??
      account;
  }
  const locale = special?.locale ?? localeOf.get(account.id)!;
  const words = PHRASES[locale];
  const kind: ReviewItem['kind'] =
    special?.tag === 'redFlag' ? 'direct_message' : special ? 'post' : rng.pick(['post', 'post', 'comment', 'direct_message'] as const);
  const createdMs = EPOCH_MS - rng.int(60, 14 * 86_400) * 1000;
  const otherHandle = (): string => {
    const other = rng.pick(accounts);
    return other.id === account.id ? `${other.handle}_fan` : other.handle;
  };
  const id = `itm_${seed}_${pad(index)}`;

  const comments: ItemComment[] =
    kind === 'direct_message'
      ? []
      : Array.from({ length: rng.int(0, 5) }, (_, n) => ({
          id: `${id}_c${n + 1}`,
          authorHandle: otherHandle(),
          text: rng.pick(words.comments),
          createdAt: iso(createdMs + (n + 1) * rng.int(1, 90) * 60_000),
        }));

  let thread: ThreadMessage[] = [];
  if (kind === 'direct_message') {
    const lines = special?.tag === 'redFlag' ? rng.pick(words.redFlagThreads) : rng.pick(words.threads);
    const recipient = otherHandle();
    thread = lines.map((text, n) => ({
      id: `${id}_m${n + 1}`,
      fromHandle: n % 2 === 0 ? account.handle : recipient,
      toHandle: n % 2 === 0 ? recipient : account.handle,
      text,
      sentAt: iso(createdMs + n * rng.int(1, 30) * 60_000),
    }));
  }

  const caption = kind === 'direct_message' ? null : kind === 'comment' ? rng.pick(words.comments) : rng.pick(words.captions);

  let images: ImageJob[];
  if (special?.tag === 'hash') images = [{ kind: 'hashBank' }];
  else if (special?.tag === 'redFlag') images = [];
  else {
    const count = kind === 'post' ? (rng.chance(0.8) ? 1 : 2) : rng.chance(kind === 'comment' ? 0.3 : 0.4) ? 1 : 0;
    images = Array.from({ length: count }, () =>
      // Occasional reposts make content addressing (one file, many items) visible in the demo.
      earlierImages.length > 0 && rng.chance(0.08) ? rng.pick(earlierImages) : { kind: 'scene' as const, rng: rng.fork(index) },
    );
    // Drawn whether or not the item ends up with a video, so one item's video never shifts another's draw.
    const video = videoRng.chance(VIDEO_SHARE);
    const videoSeed = videoRng.fork(index);
    if (video && images.length > 0) images = [{ kind: 'sceneVideo', rng: videoSeed }];
  }

  const reported = special?.tag === 'redFlag' || (special === undefined && rng.chance(0.6));
  return {
    item: {
      id,
      kind,
      locale,
      createdAt: iso(createdMs),
      source: reported ? 'user_report' : 'proactive',
      reportReason: special?.tag === 'redFlag' ? 'child_safety' : reported ? rng.pick(REPORT_REASONS) : null,
      caption,
      comments,
      thread,
      account,
      demoTags: special ? [TAG_OF[special.tag]] : [],
    },
    images,
  };
}

const TAG_OF: Record<Special['tag'], string> = {
  hash: DEMO_TAGS.hashBankMatch,
  redFlag: DEMO_TAGS.redFlag,
};

function render(job: ImageJob): Promise<RenderedImage | RenderedVideo> {
  switch (job.kind) {
    case 'hashBank':
      return renderHashBankPattern();
    case 'scene':
      return renderSceneImage(job.rng);
    case 'sceneVideo':
      return renderSceneVideo(job.rng);
    case 'hashBankVideo':
      return renderHashBankVideo();
    case 'editedHashBankVideo':
      return renderEditedHashBankVideo();
  }
}

async function renderAll(jobs: readonly ImageJob[]): Promise<Map<ImageJob, RenderedImage | RenderedVideo>> {
  const unique = [...new Set(jobs)];
  const rendered = new Map<ImageJob, RenderedImage | RenderedVideo>();
  for (let start = 0; start < unique.length; start += RENDER_CONCURRENCY) {
    const batch = unique.slice(start, start + RENDER_CONCURRENCY);
    const images = await Promise.all(batch.map(render));
    batch.forEach((job, i) => rendered.set(job, images[i]!));
  }
  return rendered;
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Deterministic synthetic review queue: the same seed and size give the same items and the
 * same media bytes on every run (videos: with the same ffmpeg build). Nothing is downloaded and
 * no image or video depicts real content.
 */
export async function generateDemoData(options: DemoOptions = {}): Promise<DemoData> {
  const { seed, size } = validate(options);
  const root = new Random(seed);
  const accountRng = root.fork(1);
  const itemRng = root.fork(2);
  const videoRng = root.fork(3);

  const accountLocales = new Map<string, SeededLocale>();
  const accounts = Array.from({ length: Math.max(3, Math.ceil(size / 4)) }, (_, i) => {
    const locale = LOCALES[i % LOCALES.length]!;
    const account = makeAccount(accountRng, seed, i + 1, locale);
    accountLocales.set(account.id, locale);
    return account;
  });

  const specials = placeSpecials(itemRng, size);
  const drafts: Draft[] = [];
  const earlierImages: ImageJob[] = [];
  for (let i = 0; i < size; i += 1) {
    const draft = draftItem(itemRng, seed, i + 1, accounts, accountLocales, specials.get(i), earlierImages, videoRng);
    earlierImages.push(...draft.images.filter((job) => job.kind === 'scene'));
    drafts.push(draft);
  }
  placeChildSafetyVideos(videoRng, drafts);

  const rendered = await renderAll(drafts.flatMap((d) => d.images));
  const media = new Map<string, DemoMediaFile>();
  const described = new Map<ImageJob, DemoMedia>();
  for (const [job, image] of rendered) {
    const hash = sha256(image.bytes);
    media.set(hash, { bytes: image.bytes, mimeType: image.mimeType });
    described.set(job, { sha256: hash, mimeType: image.mimeType, width: image.width, height: image.height, byteLength: image.bytes.length });
  }

  const items: ReviewItem[] = drafts.map(({ item, images }) => ({ ...item, media: images.map((job) => described.get(job)!) }));
  return { items, media, accounts };
}
