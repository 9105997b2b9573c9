import { decisionEntrySchema, type DecisionEntry, type DecisionSignals } from '@workstation/protocol';
import type { DecisionRecord } from '../../store';
import type { UploadKind } from './kind';

export const decisionUpload: UploadKind<typeof decisionEntrySchema> = {
  schema: decisionEntrySchema,
  maxPerRequest: 500,
  send: (client, token, entries) => client.uploadDecisions(token, entries),
};

/** What a supervisor audits beside the decision itself, fixed when it is made. */
export interface DecisionFacts {
  signals: DecisionSignals;
  /** From the item first shown to the decision; absent when it was never shown. */
  handlingMs?: number;
  viewing: DecisionEntry['viewing'];
}

/** The upstream's DecisionEntry for a recorded decision; the store adds its hash-chain link. */
export function decisionPayload(record: DecisionRecord, facts: DecisionFacts): Omit<DecisionEntry, 'chain'> {
  return {
    idempotencyKey: record.id,
    itemId: record.itemId,
    assignmentId: record.assignmentId,
    action: record.action,
    reasonCode: record.reasonCode,
    note: record.note,
    decidedAt: record.decidedAt,
    supersedes: record.supersedes,
    signals: facts.signals,
    ...(facts.handlingMs === undefined ? {} : { handlingMs: facts.handlingMs }),
    viewing: facts.viewing,
  };
}
