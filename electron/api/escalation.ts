/**
 * Escalation reports: the one definition the workstation validates drafts with and the upstream
 * accepts on POST /reports/batch. Element names follow NCMEC's CyberTipline report wherever it has
 * one (docs/research/cybertipline.md), so the upstream can map a child-safety report onto the XML
 * without renaming. Objects are strict: a misspelt element is refused rather than silently lost
 * from a report that must be complete.
 */
import { z } from 'zod';
import { DateTime, hex, Id, improperTextAt, plainText, PLAIN_TEXT_MESSAGE } from './wire';

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
export const reportKindSchema = z.enum(REPORT_KINDS);
export type ReportKind = z.infer<typeof reportKindSchema>;

/** What a hash bank holds; a report's bank match names one. */
export const BANK_CATEGORIES = ['child_safety', 'terrorism', 'previously_actioned'] as const;

const Text = (max: number) => plainText(max).min(1);

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
  profileBio: plainText(5000),
  accountTemporarilyDisabled: z.boolean().optional(),
  accountPermanentlyDisabled: z.boolean().optional(),
  priorCTReports: z.array(Text(64)).max(50).optional(),
  estimatedLocation: EstimatedLocation.optional(),
  additionalInfo: plainText(10_000).optional(),
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

/**
 * A referral to law enforcement: imminent when a life is threatened now (an emergency referral),
 * otherwise a referral for investigation. There is no CyberTipline element for this, so the names are ours.
 */
export const LawEnforcementReport = z.strictObject({
  kind: z.literal('law_enforcement'),
  incidentSummary: z.strictObject({
    incidentDateTime: DateTime,
    incidentDateTimeDescription: Text(1000).optional(),
  }),
  threatSummary: Text(5000),
  imminent: z.boolean(),
  location: EstimatedLocation.extend({ description: Text(1000).optional() }).optional(),
  ...common,
});

export const EscalationReportSchema = z.discriminatedUnion('kind', [ChildSafetyReport, LawEnforcementReport]);
export type EscalationReport = z.infer<typeof EscalationReportSchema>;
export type ReportFileEntry = z.infer<typeof ReportFile>;

/** A report as far as it has been typed: any element may still be missing. */
export type DraftReport = DeepPartial<EscalationReport>;
type DeepPartial<T> = T extends readonly (infer U)[] ? DeepPartial<U>[] : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/**
 * A change to a draft as a JSON merge patch (RFC 7386): objects merge member by member, null
 * removes a member, arrays and other values replace what was there.
 */
export type DraftReportPatch = { [K in keyof DraftReport]?: DraftReport[K] | null } & Record<string, unknown>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const escalationStatusSchema = z.enum(['draft', 'queued', 'submitted', 'acknowledged']);
export type EscalationStatus = z.infer<typeof escalationStatusSchema>;

/** What the full report schema still finds wrong with a draft; empty when it can be submitted. */
export const draftProblemSchema = z.object({ path: z.string(), message: z.string() });

export const escalationDraftSchema = z.object({
  draftId: z.string(),
  itemId: z.string(),
  kind: reportKindSchema,
  status: escalationStatusSchema,
  /** The upstream's id, once it has accepted the report. */
  reportId: z.string().nullable(),
  /** The policy reason the escalation decision and its mandated actions cite. */
  reasonCode: z.string().nullable(),
  report: z.custom<DraftReport>(isPlainObject, 'must be an object'),
  problems: z.array(draftProblemSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EscalationDraft = z.infer<typeof escalationDraftSchema>;

export const draftPatchSchema = z
  .object({
    reasonCode: z.string().min(1).max(64).nullable().optional(),
    report: z
      .custom<DraftReportPatch>(isPlainObject, 'must be an object of report elements to change')
      // A patch names any element, so its text is checked wherever it is; the issue names the element.
      .superRefine((report, ctx) => {
        const at = improperTextAt(report);
        if (at) ctx.addIssue({ code: 'custom', path: at, message: PLAIN_TEXT_MESSAGE });
      })
      .optional(),
  })
  .strict();

export const escalationSummarySchema = z.object({
  draftId: z.string(),
  itemId: z.string(),
  kind: reportKindSchema,
  status: escalationStatusSchema,
  reportId: z.string().nullable(),
  updatedAt: z.string(),
});
export type EscalationSummary = z.infer<typeof escalationSummarySchema>;
