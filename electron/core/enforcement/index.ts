/** Enforcement: actions on content and accounts, recorded locally and queued for the upstream. */
export { applyAction, reasonAllowing, type EnforcementDeps } from './applyAction';
