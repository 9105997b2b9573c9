/**
 * Auditing a team offline: GET /audit/log pages a team's log for a period (checksummed like the
 * deltas, resumable by cursor), supervisors upload QA results and appeal outcomes in batches,
 * workstations report their decision chain's head, and moderators read the corrections of their
 * decisions (GET /corrections).
 */
import { z } from 'zod';
import { roleSchema } from './auth';
import { chainLinkSchema, decisionActionSchema, decisionSignalsSchema, decisionViewingSchema } from './decisions';
import { enforcementActionSchema, enforcementKindSchema } from './enforcement';
import { reasonCodeRefSchema } from './policy';
import { reportKindSchema, reportStatusSchema } from './reports';
import { dateTimeSchema, idempotencyKeySchema, idSchema, plainTextSchema, sha256Schema } from './wire';

/** Where an item came to the team from: a user report, proactive detection, or the priority (hash-bank) queue. */
export const AUDIT_QUEUES = ['user_report', 'proactive', 'priority'] as const;
export const auditQueueSchema = z.enum(AUDIT_QUEUES);
export type AuditQueue = z.infer<typeof auditQueueSchema>;

export const qaVerdictSchema = z.enum(['agree', 'overturn']);
export type QaVerdict = z.infer<typeof qaVerdictSchema>;
export const appealOutcomeSchema = z.enum(['upheld', 'overturned']);
export type AppealOutcome = z.infer<typeof appealOutcomeSchema>;
export const correctionSourceSchema = z.enum(['qa', 'appeal']);
export type CorrectionSource = z.infer<typeof correctionSourceSchema>;

/** The longest period one download may ask for. */
export const MAX_AUDIT_PERIOD_DAYS = 92;

export const auditLogQuerySchema = z
  .object({
    teamId: idSchema,
    from: dateTimeSchema,
    to: dateTimeSchema,
    cursor: z.string().min(1).max(1000).optional(),
    limit: z.coerce.number().int().min(1).max(2000).default(500),
  })
  .refine((q) => Date.parse(q.to) > Date.parse(q.from), { message: 'to must be after from', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= MAX_AUDIT_PERIOD_DAYS * 86_400_000, {
    message: `a period is at most ${MAX_AUDIT_PERIOD_DAYS} days`,
    path: ['to'],
  });
export type AuditLogQuery = z.output<typeof auditLogQuerySchema>;

export const teamMemberSchema = z.object({ id: z.string(), username: z.string(), displayName: z.string(), role: roleSchema });
export type TeamMember = z.infer<typeof teamMemberSchema>;
export const teamSchema = z.object({ id: z.string(), name: z.string(), members: z.array(teamMemberSchema) });
export type Team = z.infer<typeof teamSchema>;

/** What the supervisor re-reviews: the item's kind, language and text (caption, comments, thread), never its media. */
export const auditItemSchema = z.object({ kind: z.enum(['post', 'comment', 'direct_message']), locale: z.string(), text: z.string() });

const decisionRecordSchema = z.object({
  type: z.literal('decision'),
  idempotencyKey: z.string(),
  itemId: z.string(),
  assignmentId: z.string(),
  moderatorId: z.string(),
  action: decisionActionSchema,
  reasonCode: z.string().nullable(),
  /** The policy category: the reason code's, or for decisions without one the category the item was reported under ('none' when neither). */
  category: z.string(),
  queue: auditQueueSchema,
  note: z.string().nullable(),
  decidedAt: dateTimeSchema,
  receivedAt: dateTimeSchema,
  supersedes: z.string().nullable(),
  signals: decisionSignalsSchema.nullable(),
  handlingMs: z.int().nullable(),
  viewing: decisionViewingSchema.nullable(),
  chain: chainLinkSchema.nullable(),
  item: auditItemSchema,
});

const qaRecordSchema = z.object({
  type: z.literal('qa'),
  idempotencyKey: z.string(),
  decisionKey: z.string(),
  reviewerId: z.string(),
  action: decisionActionSchema,
  reasonCode: z.string().nullable(),
  verdict: qaVerdictSchema,
  reason: z.string().nullable(),
  reviewedAt: dateTimeSchema,
});

const appealRecordSchema = z.object({
  type: z.literal('appeal'),
  id: z.string(),
  decisionKey: z.string(),
  moderatorId: z.string(),
  statement: z.string(),
  createdAt: dateTimeSchema,
  outcome: appealOutcomeSchema.nullable(),
  reason: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: dateTimeSchema.nullable(),
});

const correctionRecordSchema = z.object({
  type: z.literal('correction'),
  id: z.string(),
  decisionKey: z.string(),
  source: correctionSourceSchema,
  action: decisionActionSchema,
  reasonCode: z.string().nullable(),
  reason: z.string(),
  correctedBy: z.string(),
  correctedAt: dateTimeSchema,
});

const actionRecordSchema = z.object({
  type: z.literal('action'),
  idempotencyKey: z.string(),
  moderatorId: z.string(),
  kind: enforcementKindSchema,
  action: enforcementActionSchema,
  itemIds: z.array(z.string()),
  reasonCode: z.string(),
  decidedAt: dateTimeSchema,
});

const escalationRecordSchema = z.object({
  type: z.literal('escalation'),
  id: z.string(),
  itemId: z.string(),
  moderatorId: z.string(),
  kind: reportKindSchema,
  status: reportStatusSchema,
  receivedAt: dateTimeSchema,
});

/** One record of a team's log; a period's records come decisions first, then QA, appeals, corrections, actions, escalations. */
export const auditRecordSchema = z.discriminatedUnion('type', [
  decisionRecordSchema,
  qaRecordSchema,
  appealRecordSchema,
  correctionRecordSchema,
  actionRecordSchema,
  escalationRecordSchema,
]);
export type AuditRecord = z.infer<typeof auditRecordSchema>;
export type AuditDecisionRecord = z.infer<typeof decisionRecordSchema>;
export type AuditQaRecord = z.infer<typeof qaRecordSchema>;
export type AuditAppealRecord = z.infer<typeof appealRecordSchema>;
export type AuditCorrectionRecord = z.infer<typeof correctionRecordSchema>;

/**
 * One page of GET /audit/log. cursor resumes after this page (null on the last one); checksum is
 * auditPageChecksum over team, records, cursor and hasMore, so a page altered on the way is refused.
 */
export const auditPageSchema = z.object({
  team: teamSchema,
  records: z.array(auditRecordSchema),
  cursor: z.string().nullable(),
  hasMore: z.boolean(),
  checksum: sha256Schema,
});
export type AuditPage = z.infer<typeof auditPageSchema>;

/** A supervisor's QA result on one decision: the blind re-review and the verdict; an overturn corrects the decision. */
export const qaEntrySchema = z
  .object({
    idempotencyKey: idempotencyKeySchema,
    decisionKey: idempotencyKeySchema,
    action: decisionActionSchema,
    reasonCode: reasonCodeRefSchema.nullable(),
    note: plainTextSchema(2000).nullable(),
    verdict: qaVerdictSchema,
    /** Required with an overturn: what the moderator is told. */
    reason: plainTextSchema(2000).nullable(),
    reviewedAt: dateTimeSchema,
  })
  .refine((e) => e.verdict === 'agree' || (e.reason ?? '').trim() !== '', { message: 'an overturn needs a reason', path: ['reason'] });
export type QaEntry = z.infer<typeof qaEntrySchema>;
export const qaBatchBodySchema = z.object({ entries: z.array(qaEntrySchema).min(1).max(500) });

/** The outcome of an appeal, decided by a reviewer other than the moderator who made the decision. */
export const appealDecisionEntrySchema = z
  .object({
    idempotencyKey: idempotencyKeySchema,
    appealId: idSchema,
    outcome: appealOutcomeSchema,
    /** With an overturn: the action and reason code the decision becomes. */
    action: decisionActionSchema.nullable(),
    reasonCode: reasonCodeRefSchema.nullable(),
    reason: plainTextSchema(2000).min(1),
    decidedAt: dateTimeSchema,
  })
  .refine((e) => e.outcome === 'upheld' || e.action !== null, { message: 'an overturn names the action the decision becomes', path: ['action'] });
export type AppealDecisionEntry = z.infer<typeof appealDecisionEntrySchema>;
export const appealBatchBodySchema = z.object({ entries: z.array(appealDecisionEntrySchema).min(1).max(500) });

export const appealsQuerySchema = z.object({ teamId: idSchema });
export const appealListReplySchema = z.object({ appeals: z.array(appealRecordSchema) });

/** A workstation's chain head, reported at every sync. */
export const chainHeadBodySchema = z.object({
  workstationId: idSchema,
  seq: z.int().min(0),
  hash: sha256Schema,
  reportedAt: dateTimeSchema,
});
export type ChainHeadBody = z.infer<typeof chainHeadBodySchema>;
export const chainHeadSchema = chainHeadBodySchema.extend({ accountId: z.string(), receivedAt: dateTimeSchema });
export type ChainHead = z.infer<typeof chainHeadSchema>;
export const chainHeadsQuerySchema = z.object({ teamId: idSchema });
export const chainHeadsReplySchema = z.object({ heads: z.array(chainHeadSchema) });

export const correctionsQuerySchema = z.object({
  since: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/** A correction of the signed-in moderator's decision, as GET /corrections lists it; seq orders them. */
export const correctionSchema = z.object({
  seq: z.int(),
  id: z.string(),
  decisionKey: z.string(),
  itemId: z.string(),
  source: correctionSourceSchema,
  action: decisionActionSchema,
  reasonCode: z.string().nullable(),
  reason: z.string(),
  correctedBy: z.string(),
  correctedAt: dateTimeSchema,
});
export type Correction = z.infer<typeof correctionSchema>;
export const correctionsReplySchema = z.object({ corrections: z.array(correctionSchema), cursor: z.int() });
