/**
 * Orchestration: where one API call is carried out across the services. dispatch checks the
 * role and validates the input; each handler says which services a call crosses (a lease: sync
 * then analysis; a decision: review then the sync loop); previews is the media route; events is
 * the push stream both transports forward.
 */
export { createDispatcher, type Dispatch, type Handlers } from './dispatch';
export { createEventHub } from './events';
export { createHandlers, type HandlerDeps } from './handlers';
export { createPreviewService, type PreviewDeps } from './previews';
