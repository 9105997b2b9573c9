import type { Role } from '../../api';

/** Who the sync service works for: the signed-in account and its token. */
export interface SyncSession {
  accountId: string;
  token: string;
  /** Who is signed in decides what a sync fetches besides uploads (a moderator's corrections). */
  role?: Role;
}
