/** Review: the moderator's queue, decisions with an undo window, corrections. */
export { batchItem, currentAssignment } from './batch';
export { queueState, itemView } from './queue';
export { decide, recordDecision, undo, type DecideInput, type ReviewDeps } from './decisions';
export { decisionSignalsOf } from './summary';
export { childSafetyOnlyMessage, readinessOf, refuseUncleared, refuseWhileAnalysing, type ItemReadiness } from './gate';
