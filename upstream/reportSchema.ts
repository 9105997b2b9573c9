import { z } from 'zod';
import { EscalationReportSchema, REPORT_KINDS } from '../electron/api/escalation';
import { IdempotencyKey } from './schemas';

/**
 * Escalation reports as workstations send them. The report itself is defined once, in the
 * workstation's contract (electron/api/escalation.ts), so a draft the workstation validated is
 * exactly what this upstream accepts; only the batch envelope and the list query are the upstream's.
 */
export {
  ChildSafetyReport,
  EscalationReportSchema,
  FILE_ANNOTATIONS,
  INCIDENT_TYPES,
  LawEnforcementReport,
  PersonOrUserReported,
  REPORT_ANNOTATIONS,
  REPORT_KINDS,
  ReportFile,
  type EscalationReport,
} from '../electron/api/escalation';

export const ReportBatchBody = z.object({
  entries: z.array(z.object({ idempotencyKey: IdempotencyKey, report: EscalationReportSchema })).min(1).max(50),
});

export const ReportsQuery = z.object({
  status: z.enum(['received', 'acknowledged']).optional(),
  kind: z.enum(REPORT_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
