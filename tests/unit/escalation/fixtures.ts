import { createHash } from 'node:crypto';
import path from 'node:path';
import type { ItemSignals, MediaSignals, ReasonCode, ReviewItem } from '../../../electron/api';
import type { AnalysedMedia } from '../../../electron/core/signals/pipeline';
import type { EscalationDeps } from '../../../electron/core/escalation';
import type { RevealDeps } from '../../../electron/core/reveal';
import { decisionSignalsOf, readinessOf, type ReviewDeps } from '../../../electron/core/review';
import { openStore, type Store } from '../../../electron/core/store';
import type { UpstreamClient } from '../../../electron/core/sync';
import { at, reviewItem, T0, tempDir } from '../store/fixtures';

/** The upstream's policy v2 rows the tests need (actions as in upstream/db/migrations/0006). */
export const REASON_CODES: ReasonCode[] = [
  {
    code: 'CSAE-1',
    label: 'Child sexual exploitation',
    category: 'child_safety',
    description: 'd',
    actions: ['remove_content', 'terminate_account', 'report_ncmec', 'preserve_evidence'],
  },
  {
    code: 'HATE-1',
    label: 'Hate speech',
    category: 'hate',
    description: 'd',
    actions: ['remove_content', 'limit_reach', 'warn_user', 'suspend_account', 'terminate_account'],
  },
  { code: 'NUD-1', label: 'Adult nudity', category: 'adult_sexual', description: 'd', actions: ['remove_content', 'label_content', 'warn_user'] },
  {
    code: 'TERR-1',
    label: 'Terrorism',
    category: 'violence',
    description: 'd',
    actions: ['remove_content', 'terminate_account', 'report_law_enforcement', 'preserve_evidence'],
  },
];

export const bytesOf = (label: string) => Buffer.from(`image bytes of ${label}`);
export const sha256Of = (b: Buffer) => createHash('sha256').update(b).digest('hex');
export const md5Of = (b: Buffer) => createHash('md5').update(b).digest('hex');
const pdqOf = (sha: string) => sha.split('').reverse().join('');

/** An item with one image whose bytes are in the store. */
export function itemWithImage(store: Store, id: string, platformAccountId: string): ReviewItem {
  const bytes = bytesOf(id);
  const sha256 = sha256Of(bytes);
  store.putMedia({ sha256, mimeType: 'image/png', bytes }, at(0));
  return { ...reviewItem(id, platformAccountId), media: [{ sha256, mimeType: 'image/png', width: 64, height: 64, byteLength: bytes.length }] };
}

/**
 * What the analysis service would answer, computed from the bytes (real SHA-256 and MD5) with
 * bank matches the test declares per SHA-256. The worker pool itself is tested elsewhere.
 */
export function analysisOf(
  matches: Map<string, AnalysedMedia['banks']['matches']>,
  grooming: ItemSignals['grooming'] = null,
  pending: ReadonlySet<string> = new Set(),
) {
  const mediaSignals = (sha256: string): MediaSignals =>
    pending.has(sha256)
      ? { sha256, status: 'pending', bankMatches: [] }
      : { sha256, status: 'analysed', pdq: { hash: pdqOf(sha256), quality: 90, lowQuality: false }, bankMatches: matches.get(sha256) ?? [] };
  return {
    async analysed(sha256: string, bytes: Buffer): Promise<AnalysedMedia> {
      return {
        analysis: {
          status: 'analysed',
          sha256: sha256Of(bytes),
          md5: md5Of(bytes),
          format: 'png',
          width: 64,
          height: 64,
          pdq: { hash: pdqOf(sha256), quality: 90, dihedral: {} as never },
          classifier: { unavailable: 'not needed here' },
        },
        banks: { matches: matches.get(sha256) ?? [], lowQuality: false },
      };
    },
    itemSignals(item: ReviewItem): ItemSignals {
      return { media: item.media.map((m) => mediaSignals(m.sha256)), redFlags: [], grooming, lexicon: { locale: 'en', version: 1 } };
    },
    mediaSignals,
  };
}

/** Every store-backed dependency of escalation, enforcement and reveals on a fresh file; the upstream is never reached (media is cached). */
export function escalationWorld(prefix: string) {
  const tmp = tempDir(prefix);
  const store = openStore(path.join(tmp.dir, 'workstation.db'));
  const matches = new Map<string, AnalysedMedia['banks']['matches']>();
  let now = T0;
  const clock = () => new Date(now);
  /** SHA-256s whose analysis has not finished: their items cannot be decided yet. */
  const pending = new Set<string>();
  const analysis = analysisOf(matches, null, pending);
  const unreachable = new Proxy(
    {},
    { get: (_t, name) => () => Promise.reject(new Error(`upstream ${String(name)} was not expected`)) },
  ) as UpstreamClient;
  const readiness = (item: ReviewItem) => readinessOf(item.media.map((m) => analysis.mediaSignals(m.sha256)));
  const signalSummary = (item: ReviewItem) => decisionSignalsOf(analysis.itemSignals(item));
  const review: ReviewDeps = { store, clock, undoMs: 5_000, reasonCodes: () => REASON_CODES, readiness, signalSummary };
  const deps: EscalationDeps & RevealDeps & { review: ReviewDeps } = {
    store,
    analysis,
    client: unreachable,
    clock,
    log: () => {},
    profileUrl: (handle) => `https://platform.example/@${handle}`,
    reasonCodes: () => REASON_CODES,
    readiness,
    review,
  };
  return {
    store,
    deps,
    analysis,
    matches,
    pending,
    advance: (ms: number) => {
      now += ms;
    },
    close: () => {
      store.close();
      tmp.remove();
    },
  };
}

export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw, nothing was thrown');
}

export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection, it resolved');
    },
    (error: unknown) => error,
  );
}
