import { z } from 'zod';
import { BANK_CATEGORIES } from './domain/sync/hashBanks';
import { DateTime, hex, IdempotencyKey, Id } from './schemas';

/**
 * Escalation reports as workstations send them. Element names follow NCMEC's CyberTipline report
 * wherever it has one (shared/research/cybertipline.md), so the upstream can map a child-safety
 * report onto the XML without renaming. Objects are strict: a misspelt element is refused rather
 * than silently lost from a report that must be complete.
 */

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
  'animeDrawingVirtualHentai', 'potentialMeme', 'viral', 'possibleSelfProduction', 'physicalHarm',
  'violenceGore', 'bestiality', 'liveStreaming', 'infant', 'generativeAi',
] as const;
export const REPORT_KINDS = ['child_safety', 'law_enforcement'] as const;

const Text = (max: number) => z.string().min(1).max(max);

const EstimatedLocation = z.strictObject({
  city: Text(200).optional(),
  region: Text(200).optional(),
  countryCode: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as DE').optional(),
});

export const PersonOrUserReported = z.strictObject({
  /** The platform account id. */
  espIdentifier: Id,
  espService: Text(200).optional(),
  screenName: Text(200),
  displayName: Text(200),
  profileUrl: z.url().max(2000),
  profileBio: z.string().max(5000),
  accountTemporarilyDisabled: z.boolean().optional(),
  accountPermanentlyDisabled: z.boolean().optional(),
  priorCTReports: z.array(Text(64)).max(50).optional(),
  estimatedLocation: EstimatedLocation.optional(),
  additionalInfo: z.string().max(10_000).optional(),
});

const BankMatch = z.strictObject({
  bank: Id,
  category: z.enum(BANK_CATEGORIES),
  /** Hamming distance for PDQ; 0 for an exact sha256 or md5 match. */
  distance: z.int().min(0).max(256),
});

export const ReportFile = z.strictObject({
  /** The review item the file belongs to. */
  itemId: Id,
  fileName: Text(500).optional(),
  sha256: hex(64),
  md5: hex(32),
  /** Null when the file has no usable PDQ (too small, or quality below 50). */
  pdq: hex(64).nullable(),
  fileViewedByEsp: z.boolean(),
  exifViewedByEsp: z.boolean(),
  publiclyAvailable: z.boolean().optional(),
  fileRelevance: z.enum(['Reported', 'Supplemental Reported']),
  fileAnnotations: z.array(z.enum(FILE_ANNOTATIONS)).max(FILE_ANNOTATIONS.length).optional(),
  industryClassification: z.enum(['A1', 'A2', 'B1', 'B2']).optional(),
  bankMatch: BankMatch.nullable(),
});

const RelatedAccount = z.strictObject({
  espIdentifier: Id,
  screenName: Text(200).optional(),
  /** How the account is involved, e.g. "recipient of the messages". */
  relationship: Text(500),
});

const common = {
  /** The reviewed item the moderator escalated. */
  itemId: Id,
  personOrUserReported: PersonOrUserReported,
  files: z.array(ReportFile).max(50),
  /** The moderator's description of what they saw and why it is reported. */
  additionalInfo: Text(10_000),
  relatedItems: z.array(Id).max(100),
  relatedAccounts: z.array(RelatedAccount).max(50),
};

export const ChildSafetyReport = z.strictObject({
  kind: z.literal('child_safety'),
  incidentSummary: z.strictObject({
    incidentType: z.enum(INCIDENT_TYPES),
    incidentDateTime: DateTime,
    incidentDateTimeDescription: Text(1000).optional(),
    /** Text only when escalating to high priority, as in the CyberTipline. */
    escalateToHighPriority: Text(1000).optional(),
    reportAnnotations: z.array(z.enum(REPORT_ANNOTATIONS)).max(REPORT_ANNOTATIONS.length).optional(),
  }),
  ...common,
});

/** A referral for an imminent threat to life; there is no CyberTipline element for this, so the names are ours. */
export const LawEnforcementReport = z.strictObject({
  kind: z.literal('law_enforcement'),
  incidentSummary: z.strictObject({
    incidentDateTime: DateTime,
    incidentDateTimeDescription: Text(1000).optional(),
  }),
  threatSummary: Text(5000),
  imminent: z.literal(true),
  location: EstimatedLocation.extend({ description: Text(1000).optional() }).optional(),
  ...common,
});

export const EscalationReportSchema = z.discriminatedUnion('kind', [ChildSafetyReport, LawEnforcementReport]);
export type EscalationReport = z.infer<typeof EscalationReportSchema>;

export const ReportBatchBody = z.object({
  entries: z.array(z.object({ idempotencyKey: IdempotencyKey, report: EscalationReportSchema })).min(1).max(50),
});

export const ReportsQuery = z.object({
  status: z.enum(['received', 'acknowledged']).optional(),
  kind: z.enum(REPORT_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
