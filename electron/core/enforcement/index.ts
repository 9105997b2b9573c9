/** Enforcement: actions on content and accounts, recorded locally and queued for the upstream. */
export { applyAction, actionUpload, reasonAllowing, type EnforcementDeps } from './applyAction';
