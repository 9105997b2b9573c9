/** Review: the moderator's queue, decisions with an undo window, corrections. */
export { queueState, leaseState, itemView, currentAssignment, batchItem } from './queue';
export { decide, undo, toApiDecision, type DecideInput, type ReviewDeps } from './decisions';
