import type { Role } from '../../electron/api';
import { useLocale } from '../i18n/context';
import { AppHeader } from './AppHeader';

type NonModeratorRole = Exclude<Role, 'moderator'>;

/** Supervisors and wellness leads: what their workspace will hold, and nothing pretending to be it. */
export function RoleHome({ role }: { role: NonModeratorRole }) {
  const { t } = useLocale();
  return (
    <div className="screen">
      <AppHeader />
      <main className="role-home" data-testid={`home-${role}`}>
        <h2>{t(`home.${role}.heading`)}</h2>
        <p>{t(`home.${role}.body`)}</p>
      </main>
    </div>
  );
}
