import { type Access, type Account, ApiError } from '../../api';

/** The one place a call's allowed roles are enforced: core, never only the UI. */
export function checkAccess(access: Access, account: Account | null, callName: string): void {
  if (access === 'public') return;
  if (!account) throw new ApiError('unauthenticated', `Sign in to use ${callName}.`);
  if (!access.includes(account.role)) {
    throw new ApiError('forbidden', `${callName} is for ${access.join(' or ')} accounts; ${account.username} is signed in as ${account.role}.`);
  }
}
