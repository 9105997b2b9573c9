import type { OutboxKind } from '../../store';
import { actionUpload } from './action';
import { appealUpload, qaUpload } from './audit';
import { decisionUpload } from './decision';
import type { UploadKind } from './kind';
import { reportUpload } from './report';
import { wellnessUpload } from './wellness';

/** Every outbox kind and how it leaves: one module each, so adding a kind is one file and one line here. */
export const UPLOADS: Record<OutboxKind, UploadKind> = {
  decision: decisionUpload,
  action: actionUpload,
  report: reportUpload,
  qa: qaUpload,
  appeal: appealUpload,
  wellness: wellnessUpload,
};

export { actionPayload } from './action';
export { decisionPayload, type DecisionFacts } from './decision';
export { reportPayload } from './report';
export type { UploadKind } from './kind';
