/**
 * The workstation's store: one SQLite file (better-sqlite3, WAL) and every SQL statement the
 * workstation runs. Other services call these methods; none of them writes SQL.
 */
import { analysisResultQueries } from './analysisResults';
import { assignmentQueries } from './assignments';
import { openDatabase } from './database';
import { decisionQueries } from './decisions';
import { enforcementActionQueries } from './enforcementActions';
import { escalationQueries } from './escalations';
import { exposureQueries } from './exposure';
import { hashBankQueries } from './hashBanks';
import { mediaQueries } from './media';
import { outboxQueries } from './outbox';
import { revealLogQueries } from './revealLog';
import { settingQueries } from './settings';
import { syncStateQueries } from './syncState';
import { wellnessQueries } from './wellness';

export type Store = ReturnType<typeof assignmentQueries> &
  ReturnType<typeof analysisResultQueries> &
  ReturnType<typeof hashBankQueries> &
  ReturnType<typeof decisionQueries> &
  ReturnType<typeof enforcementActionQueries> &
  ReturnType<typeof escalationQueries> &
  ReturnType<typeof revealLogQueries> &
  ReturnType<typeof mediaQueries> &
  ReturnType<typeof outboxQueries> &
  ReturnType<typeof settingQueries> &
  ReturnType<typeof syncStateQueries> &
  ReturnType<typeof exposureQueries> &
  ReturnType<typeof wellnessQueries> & {
    readonly file: string;
    /** Runs fn as one transaction: several store writes that must land together, or not at all. */
    transaction<T>(fn: () => T): T;
    close(): void;
  };

export function openStore(file: string): Store {
  const db = openDatabase(file);
  return {
    file,
    ...assignmentQueries(db),
    ...analysisResultQueries(db),
    ...hashBankQueries(db),
    ...decisionQueries(db),
    ...enforcementActionQueries(db),
    ...escalationQueries(db),
    ...revealLogQueries(db),
    ...mediaQueries(db),
    ...outboxQueries(db),
    ...settingQueries(db),
    ...syncStateQueries(db),
    ...exposureQueries(db),
    ...wellnessQueries(db),
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    close: () => db.close(),
  };
}

export type { StoredAnalysisResult } from './analysisResults';
export type { AssignmentRow, ItemRow } from './assignments';
export type { DecisionRecord, StoredDecision, UndoResult } from './decisions';
export type { ActionRecord, StoredAction } from './enforcementActions';
export type { EscalationRow, ReportStatusUpdate } from './escalations';
export type { ClearRevealKind, EndRevealResult, RevealRow } from './revealLog';
export type { HashBankChange, HashBankChangeResult, HashBankContents, StoredBankEntry, StoredHashBank } from './hashBanks';
export type { CachedMedia } from './media';
export type { FailingEntry, OutboxConflict, OutboxEntry, OutboxKind, Retry, Settlement } from './outbox';
export type { StoredPolicy } from './settings';
export type { StoredLexicon } from './syncState';
export type { ExposureEventRow, ExposureSums, ExposureView, NewExposureEvent } from './exposure';
export type { BreakReason, BreakRow, CapHit, CheckIn, ReviewStretch, ShownItem, StoredWellnessPolicy } from './wellness';
export { MigrationError } from './migrate';
