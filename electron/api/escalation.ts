/**
 * Escalation drafts: a report (the protocol's escalationReportSchema, what POST /reports/batch
 * takes) as the moderator writes it on this workstation, checked against the full schema as it grows.
 */
import {
  improperTextAt,
  PLAIN_TEXT_MESSAGE,
  reasonCodeRefSchema,
  reportKindSchema,
  reportPreservationSchema,
  type EscalationReport,
} from '@workstation/protocol';
import { z } from 'zod';

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
const draftProblemSchema = z.object({ path: z.string(), message: z.string() });

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
    reasonCode: reasonCodeRefSchema.nullable().optional(),
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
  /** The upstream's preservation of the report's content; null until the upstream has listed the report. */
  preservation: reportPreservationSchema.nullable(),
  updatedAt: z.string(),
});
export type EscalationSummary = z.infer<typeof escalationSummarySchema>;
