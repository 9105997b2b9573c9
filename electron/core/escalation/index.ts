/** Escalation: child-safety and law-enforcement report drafts, prefilled, validated, and submitted with their mandated actions. */
export { draftProblems, listEscalations, openDraft, toDraft, updateDraft, type EscalationDeps } from './drafts';
export { mergePatch } from './mergePatch';
export { defaultReasonCode, REQUIRED_BY_KIND } from './prefill';
export { submitDraft } from './submit';
