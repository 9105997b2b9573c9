/**
 * What a draft's problems say to the moderator: core names each by its place in the report
 * (relatedAccounts.0.espIdentifier), the form by the label of the field that fixes it. Elements
 * the workstation fills in itself have no field; they are named by what they are and where
 * their data comes from, never by their path.
 */
import type { DraftReport } from '../../electron/api';
import type { MessageKey } from '../i18n';

export interface ProblemLabel {
  key: MessageKey;
  vars: Record<string, string | number>;
  /** The form field that fixes it, when there is one (see EscalationForm's field names). */
  field: string | null;
}

const fieldLabels: Readonly<Record<string, { key: MessageKey; field: string }>> = {
  reasonCode: { key: 'escalation.reasonCode', field: 'reason' },
  incidentSummary: { key: 'escalation.incidentDateTime', field: 'when' },
  'incidentSummary.incidentType': { key: 'escalation.incidentType', field: 'type' },
  'incidentSummary.incidentDateTime': { key: 'escalation.incidentDateTime', field: 'when' },
  threatSummary: { key: 'escalation.threatSummary', field: 'threat' },
  imminent: { key: 'escalation.imminent', field: 'imminent' },
  additionalInfo: { key: 'escalation.additionalInfo', field: 'info' },
};

export function problemLabel(path: string, report: DraftReport): ProblemLabel {
  const known = fieldLabels[path];
  if (known) return { key: known.key, vars: {}, field: known.field };
  const related = /^relatedAccounts\.(\d+)(?:\.(\w+))?$/.exec(path);
  if (related) {
    const index = Number(related[1]);
    const handle = report.relatedAccounts?.[index]?.screenName ?? String(index + 1);
    if (related[2] === 'relationship') return { key: 'escalation.related.relationship', vars: { handle }, field: `related-${index}-relationship` };
    return { key: 'escalation.related.espIdentifier', vars: { handle }, field: `related-${index}-id` };
  }
  if (path.startsWith('personOrUserReported')) return { key: 'escalation.problem.reported', vars: {}, field: null };
  const file = /^files\.(\d+)/.exec(path);
  if (file) return { key: 'escalation.problem.file', vars: { index: Number(file[1]) + 1 }, field: null };
  return { key: 'escalation.problem.prepared', vars: {}, field: null };
}

/** Core's message, unless it only says the element is missing or empty. */
export function problemIsMissing(message: string): boolean {
  return /received undefined|too small/i.test(message);
}
