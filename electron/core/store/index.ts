/**
 * The workstation's store: one SQLite file (better-sqlite3, WAL) and every SQL statement the
 * workstation runs. Other services call these methods; none of them writes SQL.
 */
import { analysisResultQueries } from './analysisResults';
import { assignmentQueries } from './assignments';
import { chainQueries } from './chain';
import { openDatabase, rekeyDatabase } from './database';
import { deriveStoreKeys, mediaSealer, unsealedMedia } from './keys';
import { decisionQueries } from './decisions';
import { enforcementActionQueries } from './enforcementActions';
import { escalationQueries } from './escalations';
import { exposureQueries } from './exposure';
import { hashBankQueries } from './hashBanks';
import { mediaQueries } from './media';
import { myCorrectionQueries } from './myCorrections';
import { outboxQueries } from './outbox';
import { qaSampleQueries } from './qaSamples';
import { retentionQueries } from './retention';
import { revealLogQueries } from './revealLog';
import { settingQueries } from './settings';
import { syncStateQueries } from './syncState';
import { teamLogQueries } from './teamLog';
import { wellnessQueries } from './wellness';

export type Store = ReturnType<typeof assignmentQueries> &
  ReturnType<typeof analysisResultQueries> &
  ReturnType<typeof hashBankQueries> &
  ReturnType<typeof decisionQueries> &
  ReturnType<typeof enforcementActionQueries> &
  ReturnType<typeof escalationQueries> &
  ReturnType<typeof revealLogQueries> &
  ReturnType<typeof retentionQueries> &
  ReturnType<typeof mediaQueries> &
  ReturnType<typeof outboxQueries> &
  ReturnType<typeof settingQueries> &
  ReturnType<typeof syncStateQueries> &
  ReturnType<typeof chainQueries> &
  ReturnType<typeof teamLogQueries> &
  ReturnType<typeof qaSampleQueries> &
  ReturnType<typeof myCorrectionQueries> &
  ReturnType<typeof exposureQueries> &
  ReturnType<typeof wellnessQueries> & {
    readonly file: string;
    /** Runs fn as one transaction: several store writes that must land together, or not at all. */
    transaction<T>(fn: () => T): T;
    rekey(rootKey: string): void;
    close(): void;
  };

/**
 * Opens the store. With a root key (the workstation always passes one, from the keychain) the
 * database is SQLCipher-encrypted and media rows are sealed with AES-256-GCM under keys derived
 * from it; without one (store unit tests) both are plain.
 */
export function openStore(file: string, options: { rootKey?: string; previousRootKey?: string } = {}): Store {
  const keys = options.rootKey === undefined ? null : deriveStoreKeys(options.rootKey);
  const previousMediaKey = options.previousRootKey === undefined ? undefined : deriveStoreKeys(options.previousRootKey).media;
  const db = openDatabase(file, keys?.database);
  const teamLog = teamLogQueries(db);
  return {
    file,
    ...assignmentQueries(db),
    ...analysisResultQueries(db),
    ...hashBankQueries(db),
    ...decisionQueries(db),
    ...enforcementActionQueries(db),
    ...escalationQueries(db),
    ...revealLogQueries(db),
    ...retentionQueries(db),
    ...mediaQueries(db, keys ? mediaSealer(keys.media, previousMediaKey) : unsealedMedia),
    ...outboxQueries(db),
    ...settingQueries(db),
    ...syncStateQueries(db),
    ...chainQueries(db),
    ...teamLog,
    ...qaSampleQueries(db, teamLog),
    ...myCorrectionQueries(db),
    ...exposureQueries(db),
    ...wellnessQueries(db),
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    /** Re-keys the database to a new root key (npm run db:rotate-key); media follow with resealMedia. */
    rekey: (rootKey: string) => rekeyDatabase(db, deriveStoreKeys(rootKey).database),
    close: () => db.close(),
  };
}

export type { StoredAnalysisResult } from './analysisResults';
export type { AssignmentRow, ItemRow } from './assignments';
export type { DecisionRecord, StoredDecision, UndoResult } from './decisions';
export type { ActionRecord, StoredAction } from './enforcementActions';
export type { EscalationRow, ReportStatusUpdate } from './escalations';
export type { PurgeCounts } from './retention';
export { newRootKey } from './keys';

export type { ClearRevealKind, EndRevealResult, RevealRow } from './revealLog';
export type { HashBankChange, HashBankChangeResult, HashBankContents, StoredBankEntry, StoredHashBank } from './hashBanks';
export type { CachedMedia } from './media';
export type { FailingEntry, OutboxConflict, OutboxEntry, OutboxKind, Retry, Settlement } from './outbox';
export type { StoredPolicy } from './settings';
export type { StoredLexicon } from './syncState';
export type { ExposureEventRow, ExposureSums, ExposureView, NewExposureEvent } from './exposure';
export type { BreakReason, BreakRow, CapHit, CheckIn, ReviewStretch, ShownItem, StoredWellnessPolicy } from './wellness';
export { MigrationError } from './migrate';
export { openChainReader, type ChainedRecord, type ChainHeadRow } from './chain';
export type {
  AuditPageInput,
  AuditPeriodRow,
  StoredTeamDecision,
  TeamDecisionInput,
  TeamMemberRow,
  PageQuery,
  PageResult,
  SortKey,
  Direction,
  FacetDim,
} from './teamLog';
export { UnknownFacetValueError, sampleKeyOf } from './teamLog';
export type { QaSampleItemRow, QaSampleRow, StratumColumn } from './qaSamples';
export type { MyCorrectionRow } from './myCorrections';
