export * from './contract';
export * from './types';
export * from './errors';
export * from './enforcement';
export * from './escalation';
export * from './audit';
export * from './wellness';
export type { WorkstationApi } from './client';
export { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type IpcBridge, type IpcReply } from './ipc';
export { previewPath, previewRequestOf } from './previewQuery';
// What the renderer needs of the wire protocol: it reaches the protocol only through this contract.
export {
  ACCOUNT_ACTIONS,
  BLUR_TIERS,
  CAP_KINDS,
  DEFAULT_WELLNESS_POLICY,
  SEVERITIES,
  tierDetail,
  wellnessPolicyContentSchema,
  type BlurTier,
  type CapKind,
  type HarmCategory,
  type PolicyPreview,
  type Severity,
  type TeamExposure,
  type ViewingRule,
  type WellnessLimits,
  type WellnessPolicy,
  type WellnessPolicyContent,
  CONTENT_ACTIONS,
  INCIDENT_TYPES,
  MAX_SUSPENSION_DAYS,
  AUDIT_QUEUES,
  CLASSIFIER_BANDS,
  GROOMING_LEVELS,
  DECISION_ACTIONS,
  type Account,
  type DecisionAction,
  type DemoAccount,
  type EnforcementAction,
  type MediaRef,
  type ReasonCode,
  type ReportKind,
  type ReportPreservation,
  type ReviewItem,
  type Role,
} from '@workstation/protocol';
