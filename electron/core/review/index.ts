/** Review: the moderator's queue, decisions with an undo window, corrections. */
export { queueState, leaseState, itemView, currentAssignment, batchItem } from './queue';
export { decide, recordDecision, undo, toApiDecision, type DecideInput, type ReviewDeps } from './decisions';
export { checkDecisionAllowed, childSafetyOnlyMessage, isChildSafetyReason, readinessOf, refuseWhileAnalysing, type ItemReadiness } from './gate';
