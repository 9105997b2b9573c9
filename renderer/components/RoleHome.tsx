import type { Role } from '../../electron/api';
import { useLocale } from '../i18n/context';
import { AuditWorkspace } from '../audit/AuditWorkspace';
import { AppHeader } from './AppHeader';

type NonModeratorRole = Exclude<Role, 'moderator'>;

/** Supervisors audit their team (the escalation reports are one of the sections); wellness leads see what their workspace will hold. */
export function RoleHome({ role }: { role: NonModeratorRole }) {
  const { t } = useLocale();
  return (
    <div className="screen">
      <AppHeader />
      <main className={role === 'supervisor' ? 'role-home role-home-wide' : 'role-home'} data-testid={`home-${role}`}>
        <h2>{t(`home.${role}.heading`)}</h2>
        <p>{t(`home.${role}.body`)}</p>
        {role === 'supervisor' && <AuditWorkspace />}
      </main>
    </div>
  );
}
