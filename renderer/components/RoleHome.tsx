import type { Role } from '../../electron/api';
import { useLocale } from '../i18n/context';
import { AppHeader } from './AppHeader';
import { EscalationList } from './EscalationList';

type NonModeratorRole = Exclude<Role, 'moderator'>;

/** Supervisors see the workstation's escalation reports; wellness leads what their workspace will hold. */
export function RoleHome({ role }: { role: NonModeratorRole }) {
  const { t } = useLocale();
  return (
    <div className="screen">
      <AppHeader />
      <main className="role-home" data-testid={`home-${role}`}>
        <h2>{t(`home.${role}.heading`)}</h2>
        <p>{t(`home.${role}.body`)}</p>
        {role === 'supervisor' && <EscalationList />}
      </main>
    </div>
  );
}
