/**
 * Escalation reports: the one definition the workstation validates drafts with and the upstream
 * accepts on POST /reports/batch. Element names follow NCMEC's CyberTipline report wherever it has
 * one (docs/research/cybertipline.md), so the upstream can map a child-safety report onto the XML
 * without renaming. Objects are strict: a misspelt element is refused rather than silently lost
 * from a report that must be complete.
 */
import { z } from 'zod';
import { BANK_CATEGORIES, vpdqHexSchema } from './banks';
import { batchReplySchema } from './batch';
import { dateTimeSchema, hexSchema, idempotencyKeySchema, idSchema, plainTextSchema } from './wire';

export const INCIDENT_TYPES = [
  'Child Pornography (possession, manufacture, and distribution)',
  'Child Sex Trafficking',
  'Child Sex Tourism',
  'Child Sexual Molestation',
  'Misleading Domain Name',
  'Misleading Words or Digital Images on the Internet',
  'Online Enticement of Children for Sexual Acts',
  'Unsolicited Obscene Material Sent to a Child',
] as const;

export const REPORT_ANNOTATIONS = ['sextortion', 'csamSolicitation', 'minorToMinorInteraction', 'spam', 'sadisticOnlineExploitation'] as const;
export const FILE_ANNOTATIONS = [
  'animeDrawingVirtualHentai',
  'potentialMeme',
  'viral',
  'possibleSelfProduction',
  'physicalHarm',
  'violenceGore',
  'bestiality',
  'liveStreaming',
  'infant',
  'generativeAi',
] as const;
export const REPORT_KINDS = ['child_safety', 'law_enforcement'] as const;
export const reportKindSchema = z.enum(REPORT_KINDS);
export type ReportKind = z.infer<typeof reportKindSchema>;

const requiredTextSchema = (max: number) => plainTextSchema(max).min(1);

const estimatedLocationSchema = z.strictObject({
  city: requiredTextSchema(200).optional(),
  region: requiredTextSchema(200).optional(),
  countryCode: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as DE')
    .optional(),
});

export const personOrUserReportedSchema = z.strictObject({
  /** The platform account id. */
  espIdentifier: idSchema,
  espService: requiredTextSchema(200).optional(),
  screenName: requiredTextSchema(200),
  displayName: requiredTextSchema(200),
  profileUrl: z.url().max(2000),
  profileBio: plainTextSchema(5000),
  accountTemporarilyDisabled: z.boolean().optional(),
  accountPermanentlyDisabled: z.boolean().optional(),
  priorCTReports: z.array(requiredTextSchema(64)).max(50).optional(),
  estimatedLocation: estimatedLocationSchema.optional(),
  additionalInfo: plainTextSchema(10_000).optional(),
});

const reportBankMatchSchema = z.strictObject({
  bank: idSchema,
  category: z.enum(BANK_CATEGORIES),
  /** Hamming distance for PDQ (for vPDQ: of the closest frame pair); 0 for an exact sha256 or md5 match. */
  distance: z.int().min(0).max(256),
  /** A vPDQ match's two shares: of the video's frames found in the bank entry, and of the entry's in the video. */
  vpdq: z.strictObject({ queryMatchPct: z.number().min(0).max(100), targetMatchPct: z.number().min(0).max(100) }).optional(),
});

export const reportFileSchema = z.strictObject({
  /** The review item the file belongs to. */
  itemId: idSchema,
  fileName: requiredTextSchema(500).optional(),
  sha256: hexSchema(64),
  md5: hexSchema(32),
  /** Null when the file has no usable PDQ (too small, or quality below 50). */
  pdq: hexSchema(64).nullable(),
  /** A video's vPDQ: each sampled frame's quality and PDQ hash (encodeVpdqHex). Absent for an image. */
  vpdq: vpdqHexSchema.optional(),
  fileViewedByEsp: z.boolean(),
  exifViewedByEsp: z.boolean(),
  publiclyAvailable: z.boolean().optional(),
  fileRelevance: z.enum(['Reported', 'Supplemental Reported']),
  fileAnnotations: z.array(z.enum(FILE_ANNOTATIONS)).max(FILE_ANNOTATIONS.length).optional(),
  industryClassification: z.enum(['A1', 'A2', 'B1', 'B2']).optional(),
  bankMatch: reportBankMatchSchema.nullable(),
});
export type ReportFile = z.infer<typeof reportFileSchema>;

const relatedAccountSchema = z.strictObject({
  espIdentifier: idSchema,
  screenName: requiredTextSchema(200).optional(),
  /** How the account is involved, e.g. "recipient of the messages". */
  relationship: requiredTextSchema(500),
});

const common = {
  /** The reviewed item the moderator escalated. */
  itemId: idSchema,
  personOrUserReported: personOrUserReportedSchema,
  files: z.array(reportFileSchema).max(50),
  /** The moderator's description of what they saw and why it is reported. */
  additionalInfo: requiredTextSchema(10_000),
  relatedItems: z.array(idSchema).max(100),
  relatedAccounts: z.array(relatedAccountSchema).max(50),
};

export const childSafetyReportSchema = z.strictObject({
  kind: z.literal('child_safety'),
  incidentSummary: z.strictObject({
    incidentType: z.enum(INCIDENT_TYPES),
    incidentDateTime: dateTimeSchema,
    incidentDateTimeDescription: requiredTextSchema(1000).optional(),
    /** Text only when escalating to high priority, as in the CyberTipline. */
    escalateToHighPriority: requiredTextSchema(1000).optional(),
    reportAnnotations: z.array(z.enum(REPORT_ANNOTATIONS)).max(REPORT_ANNOTATIONS.length).optional(),
  }),
  ...common,
});

/**
 * A referral to law enforcement: imminent when a life is threatened now (an emergency referral),
 * otherwise a referral for investigation. There is no CyberTipline element for this, so the names are ours.
 */
export const lawEnforcementReportSchema = z.strictObject({
  kind: z.literal('law_enforcement'),
  incidentSummary: z.strictObject({
    incidentDateTime: dateTimeSchema,
    incidentDateTimeDescription: requiredTextSchema(1000).optional(),
  }),
  threatSummary: requiredTextSchema(5000),
  imminent: z.boolean(),
  location: estimatedLocationSchema.extend({ description: requiredTextSchema(1000).optional() }).optional(),
  ...common,
});

export const escalationReportSchema = z.discriminatedUnion('kind', [childSafetyReportSchema, lawEnforcementReportSchema]);
export type EscalationReport = z.infer<typeof escalationReportSchema>;

export const reportEntrySchema = z.object({ idempotencyKey: idempotencyKeySchema, report: escalationReportSchema });
export type ReportEntry = z.infer<typeof reportEntrySchema>;

export const reportBatchBodySchema = z.object({ entries: z.array(reportEntrySchema).min(1).max(50) });

/** received: stored, not yet processed; acknowledged: the upstream has taken it on (the workstation may purge its evidence). */
export const REPORT_STATUSES = ['received', 'acknowledged'] as const;
export const reportStatusSchema = z.enum(REPORT_STATUSES);
export type ReportStatus = z.infer<typeof reportStatusSchema>;

/** Accepted and duplicate answers name the report, so a client that lost the first answer still learns its id. */
export const reportBatchReplySchema = batchReplySchema({ reportId: z.string(), reportStatus: reportStatusSchema });
export type ReportBatchResult = z.infer<typeof reportBatchReplySchema>['results'][number];

export const reportsQuerySchema = z.object({
  status: reportStatusSchema.optional(),
  kind: reportKindSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type ReportsQuery = z.output<typeof reportsQuerySchema>;

/**
 * The upstream's preservation of a report's content and related data: requested when the report
 * is received, acknowledged with the report, kept one year from receipt (US law since 2024; see
 * docs/research/cybertipline.md).
 */
export const reportPreservationSchema = z.object({
  status: z.enum(['requested', 'acknowledged']),
  requestedAt: dateTimeSchema,
  acknowledgedAt: dateTimeSchema.nullable(),
  expiresAt: dateTimeSchema,
});
export type ReportPreservation = z.infer<typeof reportPreservationSchema>;

export const reportSummarySchema = z.object({
  id: z.string(),
  idempotencyKey: z.string(),
  kind: reportKindSchema,
  status: reportStatusSchema,
  itemId: z.string(),
  incidentType: z.string().nullable(),
  incidentDateTime: dateTimeSchema,
  reportedAccountId: z.string(),
  moderatorId: z.string(),
  receivedAt: dateTimeSchema,
  acknowledgedAt: dateTimeSchema.nullable(),
  preservation: reportPreservationSchema,
});
export type ReportSummary = z.infer<typeof reportSummarySchema>;

/** GET /reports: supervisors see every report, a moderator only their own (newest first). */
export const reportListReplySchema = z.object({ reports: z.array(reportSummarySchema) });

/** GET /reports/{id}: the summary and the report as it was sent. */
export const storedReportSchema = reportSummarySchema.extend({ report: escalationReportSchema });
export type StoredReport = z.infer<typeof storedReportSchema>;
