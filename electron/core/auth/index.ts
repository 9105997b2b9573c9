/** Auth: sessions against the upstream, and the role check every call passes through. */
export { checkAccess } from './access';
export { createSessions, type Session, type Sessions } from './session';
