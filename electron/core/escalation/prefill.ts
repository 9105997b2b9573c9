import { bankCategorySchema, type BankCategory, encodeVpdqHex, type INCIDENT_TYPES } from '@workstation/protocol';
import type { DraftReport, ReasonCode, ReportKind, ReviewItem } from '../../api';
import { type AnalysisService, CHILD_SAFETY, childSafetyMatch } from '../signals';
import type { ItemRow, Store } from '../store';
import { ensureMedia, type UpstreamClient } from '../sync';

export interface PrefillDeps {
  store: Store;
  analysis: Pick<AnalysisService, 'analysed' | 'itemSignals'>;
  client: UpstreamClient;
  clock: () => Date;
  log: (line: string) => void;
  /** The public profile address of a platform handle, e.g. https://platform.example/@handle. */
  profileUrl: (handle: string) => string;
}

/**
 * What the policy's reason code must allow for each kind of escalation: the actions submitting
 * queues (remove the content; terminate the account for child safety) and the report itself.
 */
export const REQUIRED_BY_KIND: Record<ReportKind, readonly string[]> = {
  child_safety: ['remove_content', 'terminate_account', 'report_ncmec'],
  law_enforcement: ['remove_content', 'report_law_enforcement'],
};

/** The first reason code of the policy that allows everything this kind of escalation does. */
export function defaultReasonCode(codes: readonly ReasonCode[], kind: ReportKind): string | null {
  return codes.find((c) => REQUIRED_BY_KIND[kind].every((a) => c.actions.includes(a)))?.code ?? null;
}

type DraftFile = NonNullable<DraftReport['files']>[number];

/** A bank category the report schema does not know is left out, so the draft asks for it instead of stating it wrongly. */
function knownCategory(category: string): { category?: BankCategory } {
  const known = bankCategorySchema.safeParse(category);
  return known.success ? { category: known.data } : {};
}

/**
 * One file as the report states it. fileViewedByEsp is true only when the reveal log holds a
 * clear reveal of the file that was actually served; exifViewedByEsp is always false because the
 * workstation has no way to show EXIF (previews are re-rendered without metadata).
 */
async function reportFile(deps: PrefillDeps, token: string, itemId: string, sha256: string): Promise<DraftFile> {
  const stated = { itemId, sha256, fileViewedByEsp: deps.store.wasShownClear(sha256), exifViewedByEsp: false, fileRelevance: 'Reported' as const };
  try {
    const media = await ensureMedia(deps, token, sha256);
    const { analysis, banks } = await deps.analysis.analysed(sha256, media.bytes, media.mimeType);
    const usablePdq = analysis.status === 'analysed' && analysis.kind === 'image' && !banks.lowQuality ? analysis.pdq.hash : null;
    const video = analysis.status === 'analysed' && analysis.kind === 'video' ? { vpdq: encodeVpdqHex(analysis.vpdq) } : {};
    const match = childSafetyMatch(banks) ?? [...banks.matches].sort((a, b) => a.distance - b.distance)[0];
    return {
      ...stated,
      md5: analysis.md5,
      pdq: usablePdq,
      ...video,
      bankMatch: match
        ? { bank: match.bank, ...knownCategory(match.category), distance: match.distance, ...(match.vpdq ? { vpdq: match.vpdq } : {}) }
        : null,
    };
  } catch (error) {
    // Offline or unreadable: the hashes stay empty and the draft lists them as missing.
    deps.log(`[escalation] file ${sha256} of item ${itemId} could not be hashed for the report: ${(error as Error).message}`);
    return stated;
  }
}

/** The other parties of the item's direct-message thread, with their account ids where this workstation knows them. */
function threadCounterparts(deps: PrefillDeps, item: ReviewItem): NonNullable<DraftReport['relatedAccounts']> {
  const handles = new Set(item.thread.flatMap((m) => [m.fromHandle, m.toHandle]).filter((h) => h !== item.account.handle));
  return [...handles].map((handle) => {
    const espIdentifier = deps.store.platformAccountIdOfHandle(handle);
    return {
      ...(espIdentifier === null ? {} : { espIdentifier }),
      screenName: handle,
      relationship: `other party in the direct-message thread of item ${item.id}`,
    };
  });
}

function incidentTypeGuess(files: readonly DraftFile[], groomingLevel: string | undefined): (typeof INCIDENT_TYPES)[number] | undefined {
  if (files.some((f) => f.bankMatch?.category === CHILD_SAFETY)) return 'Child Pornography (possession, manufacture, and distribution)';
  if (groomingLevel === 'medium' || groomingLevel === 'high') return 'Online Enticement of Children for Sexual Acts';
  return undefined;
}

/**
 * A new draft filled with everything the workstation knows: the item, its files' hashes and bank
 * matches, the reported account and its profile, the account's other items, the thread's other
 * parties, and whether each file was ever shown clear. The moderator's own description is left
 * for them to write.
 */
export async function prefillReport(deps: PrefillDeps, token: string, kind: ReportKind, row: ItemRow): Promise<DraftReport> {
  const { item } = row;
  const files: DraftFile[] = [];
  for (const m of item.media) files.push(await reportFile(deps, token, item.id, m.sha256));
  const common = {
    itemId: item.id,
    personOrUserReported: {
      espIdentifier: item.account.id,
      screenName: item.account.handle,
      displayName: item.account.displayName,
      profileUrl: deps.profileUrl(item.account.handle),
      profileBio: item.account.bio,
    },
    files,
    relatedItems: deps.store
      .itemIdsOfPlatformAccount(item.account.id)
      .filter((id) => id !== item.id)
      .slice(0, 100),
    relatedAccounts: threadCounterparts(deps, item),
  };
  if (kind === 'law_enforcement') {
    return { kind, incidentSummary: { incidentDateTime: item.createdAt }, imminent: true, ...common };
  }
  const incidentType = incidentTypeGuess(files, deps.analysis.itemSignals(item).grooming?.level);
  return {
    kind,
    incidentSummary: { ...(incidentType === undefined ? {} : { incidentType }), incidentDateTime: item.createdAt },
    ...common,
  };
}
