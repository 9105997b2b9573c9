/** Escalation: child-safety and law-enforcement report drafts, prefilled, validated, and submitted with their mandated actions. */
export { listEscalations, openDraft, updateDraft, type EscalationDeps } from './drafts';
export { submitDraft } from './submit';
