import type { ReactNode } from 'react';
import { useLocale } from '../i18n/context';
import { useSession, useStores } from '../state/stores';
import { SyncPill } from './SyncPill';

/** The bar every signed-in screen shares; screens add their own status (progress, lease). */
export function AppHeader({ children }: { children?: ReactNode }) {
  const { t } = useLocale();
  const { session } = useStores();
  const account = useSession((s) => s.account);
  const busy = useSession((s) => s.busy);
  const signedInAs = account && t('header.signedInAs', { name: account.displayName, role: t(`role.${account.role}`) });
  return (
    <header className="app-header">
      <h1 className="app-title">{t('app.title')}</h1>
      <div className="header-status">{children}</div>
      <SyncPill />
      {signedInAs && (
        <p className="header-account" data-testid="signed-in-account" title={signedInAs}>
          {signedInAs}
        </p>
      )}
      <button type="button" onClick={() => void session.getState().logout()} disabled={busy} data-testid="sign-out">
        {t('header.signOut')}
      </button>
    </header>
  );
}
