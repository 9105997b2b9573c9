/**
 * Supervisors' offline audit of their team: the downloaded decision log, blind QA, agreement,
 * appeals, the hash chain and exports; and what moderators see of it (corrections of their decisions).
 */
import {
  appealOutcomeSchema,
  auditQueueSchema,
  chainLinkSchema,
  classifierBandSchema,
  correctionSourceSchema,
  dateTimeSchema,
  decisionActionSchema,
  groomingLevelSchema,
  idSchema,
  plainTextSchema,
  qaVerdictSchema,
  reasonCodeRefSchema,
  sha256Schema,
  teamSchema,
} from '@workstation/protocol';
import { z } from 'zod';

/** Where a decision stands after review: overturned wins over an open appeal, which wins over upheld. */
export const AUDIT_OUTCOMES = ['unreviewed', 'upheld', 'overturned', 'appealed'] as const;
export const auditOutcomeSchema = z.enum(AUDIT_OUTCOMES);
export type AuditOutcome = z.infer<typeof auditOutcomeSchema>;

/** How much harm a wrong call could do, as QA samples stratify by it (not the wellness S0..S3 of what was seen). */
const QA_SEVERITIES = ['low', 'medium', 'high'] as const;
export const qaSeveritySchema = z.enum(QA_SEVERITIES);
export type QaSeverity = z.infer<typeof qaSeveritySchema>;

const codeSchema = z.string().min(1).max(64);

/**
 * The log's filters; each is one value or absent (any). bankCategory takes a bank category,
 * 'any' (any match) or 'none' (no match). text searches the notes (full text, every word must occur).
 */
export const auditFilterSchema = z
  .strictObject({
    moderatorId: idSchema.optional(),
    queue: auditQueueSchema.optional(),
    category: codeSchema.optional(),
    reasonCode: codeSchema.optional(),
    action: decisionActionSchema.optional(),
    outcome: auditOutcomeSchema.optional(),
    bankCategory: codeSchema.optional(),
    classifierBand: classifierBandSchema.optional(),
    groomingLevel: groomingLevelSchema.optional(),
    from: dateTimeSchema.optional(),
    to: dateTimeSchema.optional(),
    text: plainTextSchema(200).optional(),
  })
  .refine((f) => f.from === undefined || f.to === undefined || Date.parse(f.to) > Date.parse(f.from), {
    message: 'to must be after from',
    path: ['to'],
  });
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditSortSchema = z.strictObject({
  by: z.enum(['decidedAt', 'handlingMs']),
  direction: z.enum(['asc', 'desc']),
});
export type AuditSort = z.infer<typeof auditSortSchema>;
export const DEFAULT_AUDIT_SORT: AuditSort = { by: 'decidedAt', direction: 'desc' };

export const auditRowSchema = z.object({
  id: z.string(),
  itemId: z.string(),
  moderatorId: z.string(),
  moderatorName: z.string(),
  action: decisionActionSchema,
  reasonCode: z.string().nullable(),
  category: z.string(),
  queue: auditQueueSchema,
  severity: qaSeveritySchema,
  decidedAt: z.string(),
  handlingMs: z.number().int().nullable(),
  note: z.string().nullable(),
  outcome: auditOutcomeSchema,
  bankCategory: z.string().nullable(),
  classifierBand: classifierBandSchema.nullable(),
  groomingLevel: groomingLevelSchema.nullable(),
  clearReveals: z.number().int().nullable(),
  clearMs: z.number().int().nullable(),
});
export type AuditRow = z.infer<typeof auditRowSchema>;

export const auditPageInputSchema = z.strictObject({
  filter: auditFilterSchema.default({}),
  sort: auditSortSchema.default(DEFAULT_AUDIT_SORT),
  /** The nextCursor of the previous page of this same query; a cursor of another query is refused. */
  cursor: z.string().min(1).max(500).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

export const auditLogPageSchema = z.object({
  rows: z.array(auditRowSchema),
  nextCursor: z.string().nullable(),
  /** How many stored decisions match the filter. */
  total: z.number().int(),
});
export type AuditLogPage = z.infer<typeof auditLogPageSchema>;

const auditPeriodSchema = z.object({
  from: z.string(),
  to: z.string(),
  complete: z.boolean(),
  records: z.number().int(),
  updatedAt: z.string(),
});

/** The values the log's filters can take in what is stored, for the filter bar. */
const auditFilterValuesSchema = z.object({
  categories: z.array(z.string()),
  reasonCodes: z.array(z.string()),
  bankCategories: z.array(z.string()),
});

export const auditStatusSchema = z.object({
  team: teamSchema.nullable(),
  periods: z.array(auditPeriodSchema),
  decisions: z.number().int(),
  /** QA results and appeal outcomes recorded here and not yet uploaded. */
  pendingUploads: z.number().int(),
  filterValues: auditFilterValuesSchema,
});
export type AuditStatus = z.infer<typeof auditStatusSchema>;

export const downloadInputSchema = z
  .strictObject({ from: dateTimeSchema, to: dateTimeSchema })
  .refine((p) => Date.parse(p.to) > Date.parse(p.from), { message: 'to must be after from', path: ['to'] });

const historyEntrySchema = z.object({
  kind: z.enum(['decision', 'self_correction', 'qa', 'appeal', 'correction', 'action', 'escalation']),
  at: z.string(),
  by: z.string(),
  action: z.string().nullable(),
  reasonCode: z.string().nullable(),
  /** The note, QA reason, appeal statement or outcome reason. */
  text: z.string().nullable(),
  /** agree/overturn for QA, upheld/overturned/open for an appeal, the report status for an escalation. */
  outcome: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

const auditItemViewSchema = z.object({ kind: z.string(), locale: z.string(), text: z.string() });

export const auditDetailSchema = z.object({
  row: auditRowSchema,
  item: auditItemViewSchema,
  /** Oldest first: the decision, the moderator's own corrections, QA, appeal, corrections, actions, escalations. */
  history: z.array(historyEntrySchema),
  chain: chainLinkSchema.nullable(),
});
export type AuditDetail = z.infer<typeof auditDetailSchema>;

const qaModeSchema = z.enum(['random', 'stratified']);
export const stratumSchema = z.enum(['moderator', 'category', 'severity']);
export type Stratum = z.infer<typeof stratumSchema>;

export const qaDrawInputSchema = z
  .strictObject({
    seed: z.number().int().min(0).max(0xffffffff),
    size: z.number().int().min(1).max(5000),
    mode: qaModeSchema,
    /** Required with 'stratified'. */
    stratifyBy: stratumSchema.optional(),
    /** The population: stored decisions in this period (default: everything stored). */
    from: dateTimeSchema.optional(),
    to: dateTimeSchema.optional(),
  })
  .refine((d) => d.mode === 'random' || d.stratifyBy !== undefined, { message: 'a stratified sample needs stratifyBy', path: ['stratifyBy'] });

const qaItemStateSchema = z.enum(['blind', 'recorded', 'done']);

export const qaSampleSchema = z.object({
  id: z.string(),
  seed: z.number().int(),
  size: z.number().int(),
  mode: qaModeSchema,
  stratifyBy: stratumSchema.nullable(),
  createdAt: z.string(),
  items: z.array(z.object({ decisionId: z.string(), stratum: z.string().nullable(), state: qaItemStateSchema, verdict: qaVerdictSchema.nullable() })),
});
export type QaSample = z.infer<typeof qaSampleSchema>;

export const qaSampleSummarySchema = z.object({
  id: z.string(),
  seed: z.number().int(),
  size: z.number().int(),
  mode: qaModeSchema,
  stratifyBy: stratumSchema.nullable(),
  createdAt: z.string(),
  done: z.number().int(),
});

const qaRefSchema = { sampleId: z.string().min(1).max(128), decisionId: z.string().min(1).max(200) };

/** A sampled decision as the QA reviewer sees it: the original stays null until the re-review is recorded. */
export const qaItemSchema = z.object({
  sampleId: z.string(),
  decisionId: z.string(),
  position: z.number().int(),
  total: z.number().int(),
  item: auditItemViewSchema,
  queue: auditQueueSchema,
  signals: z.object({
    bankCategory: z.string().nullable(),
    classifierBand: classifierBandSchema.nullable(),
    groomingLevel: groomingLevelSchema.nullable(),
  }),
  state: qaItemStateSchema,
  review: z
    .object({ action: decisionActionSchema, reasonCode: z.string().nullable(), note: z.string().nullable(), reviewedAt: z.string() })
    .nullable(),
  original: z
    .object({
      action: decisionActionSchema,
      reasonCode: z.string().nullable(),
      note: z.string().nullable(),
      moderatorName: z.string(),
      decidedAt: z.string(),
    })
    .nullable(),
  verdict: z.object({ verdict: qaVerdictSchema, reason: z.string().nullable(), upload: z.enum(['queued', 'uploaded', 'conflict']) }).nullable(),
});
export type QaItem = z.infer<typeof qaItemSchema>;

const kappaSchema = z.number().nullable();
const agreementCellSchema = z.object({
  /** Decisions with a QA result. */
  reviewed: z.number().int(),
  /** Share of reviewed decisions whose action and reason code QA agreed with. */
  accuracy: z.number().nullable(),
  /** Cohen's kappa on the action, and on the reason code; null when undefined (no spread). */
  kappaAction: kappaSchema,
  kappaReason: kappaSchema,
  decisions: z.number().int(),
  medianHandlingMs: z.number().nullable(),
  p90HandlingMs: z.number().nullable(),
});
export type AgreementCell = z.infer<typeof agreementCellSchema>;

export const agreementSchema = z.object({
  overall: agreementCellSchema,
  byModerator: z.array(agreementCellSchema.extend({ moderatorId: z.string(), moderatorName: z.string() })),
  byCategory: z.array(agreementCellSchema.extend({ category: z.string() })),
  /** Rows: the moderator's reason code; columns: QA's; '(none)' for decisions without one. */
  confusion: z.object({ labels: z.array(z.string()), counts: z.array(z.array(z.number().int())) }),
});
export type Agreement = z.infer<typeof agreementSchema>;

export const appealViewSchema = z.object({
  id: z.string(),
  decisionId: z.string(),
  itemId: z.string(),
  moderatorId: z.string(),
  moderatorName: z.string(),
  statement: z.string(),
  createdAt: z.string(),
  original: z.object({ action: decisionActionSchema, reasonCode: z.string().nullable() }),
  /** queued: decided here, not yet uploaded. */
  status: z.enum(['open', 'queued', 'decided']),
  outcome: appealOutcomeSchema.nullable(),
  reason: z.string().nullable(),
  /** False for the original moderator, with the reason in words. */
  decidable: z.boolean(),
  notDecidableReason: z.string().nullable(),
});
export type AppealView = z.infer<typeof appealViewSchema>;

export const appealDecideInputSchema = z
  .strictObject({
    appealId: z.string().min(1).max(200),
    outcome: appealOutcomeSchema,
    action: decisionActionSchema.nullable().default(null),
    reasonCode: reasonCodeRefSchema.nullable().default(null),
    reason: plainTextSchema(2000).trim().min(1, 'Say why'),
  })
  .refine((d) => d.outcome === 'upheld' || d.action !== null, { message: 'an overturn names the action the decision becomes', path: ['action'] });

export const chainReportSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  /** Workstations whose chains were checked (1 for this workstation's own). */
  workstations: z.number().int(),
  head: z.object({ seq: z.number().int(), hash: sha256Schema }).nullable(),
  firstBreak: z
    .object({
      recordId: z.string(),
      workstationId: z.string(),
      /** The record's place in its workstation's chain (its seq). */
      position: z.number().int(),
      problem: z.enum(['hash', 'link', 'head']),
      expected: z.string(),
      found: z.string(),
    })
    .nullable(),
});
export type ChainReport = z.infer<typeof chainReportSchema>;

export const exportFileSchema = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  /** Where the workstation saved it. */
  savedTo: z.string(),
  bytes: z.number().int(),
  sha256: sha256Schema,
  /** The file itself for a browser download; null when it is too large to send (open it at savedTo). */
  base64: z.string().nullable(),
});
export type ExportFile = z.infer<typeof exportFileSchema>;

export const exportViewInputSchema = z.strictObject({ filter: auditFilterSchema.default({}), sort: auditSortSchema.default(DEFAULT_AUDIT_SORT) });
export const exportReportInputSchema = z.strictObject({ sampleId: z.string().min(1).max(128).optional(), filter: auditFilterSchema.default({}) });

export const exportBundleSchema = z.object({
  directory: z.string(),
  files: z.array(exportFileSchema),
  /** The command that verifies the bundle (README: audit bundles). */
  verifyCommand: z.string(),
});
export type ExportBundle = z.infer<typeof exportBundleSchema>;

export const correctionViewSchema = z.object({
  id: z.string(),
  decisionId: z.string(),
  itemId: z.string(),
  source: correctionSourceSchema,
  action: decisionActionSchema,
  reasonCode: z.string().nullable(),
  reason: z.string(),
  correctedBy: z.string(),
  correctedAt: z.string(),
  seen: z.boolean(),
});
export type CorrectionView = z.infer<typeof correctionViewSchema>;

export const qaRefInputSchema = z.strictObject(qaRefSchema);
export const qaRecordInputSchema = z.strictObject({
  ...qaRefSchema,
  action: decisionActionSchema,
  reasonCode: reasonCodeRefSchema.nullable(),
  note: plainTextSchema(2000).nullable(),
});
export const qaVerdictInputSchema = z
  .strictObject({ ...qaRefSchema, verdict: qaVerdictSchema, reason: plainTextSchema(2000).nullable() })
  .refine((v) => v.verdict === 'agree' || (v.reason ?? '').trim() !== '', {
    message: 'an overturn needs a reason the moderator will read',
    path: ['reason'],
  });
