import { useState } from 'react';
import type { Role } from '../../electron/api';
import { useLocale } from '../i18n/context';
import { AuditWorkspace } from '../audit/AuditWorkspace';
import { PolicyEditor } from '../wellness/PolicyEditor';
import { Tabs } from '../wellness/Tabs';
import { TeamExposure } from '../wellness/TeamExposure';
import { AppHeader } from './AppHeader';

type NonModeratorRole = Exclude<Role, 'moderator'>;

/** Supervisors audit their team (escalation reports and the team's exposure, read only, are sections of it); wellness leads see the team's exposure and write the policy. */
export function RoleHome({ role }: { role: NonModeratorRole }) {
  const { t } = useLocale();
  const [tab, setTab] = useState('team');
  return (
    <div className="screen">
      <AppHeader />
      <main className={role === 'supervisor' ? 'role-home role-home-wide' : 'role-home'} data-testid={`home-${role}`}>
        <h2>{t(`home.${role}.heading`)}</h2>
        <p>{t(`home.${role}.body`)}</p>
        {role === 'supervisor' ? (
          <AuditWorkspace />
        ) : (
          <Tabs
            label={t('home.wellness_lead.tabs')}
            selected={tab}
            onSelect={setTab}
            tabs={[
              { id: 'team', label: t('home.wellness_lead.team'), panel: () => <TeamExposure /> },
              { id: 'policy', label: t('home.wellness_lead.policy'), panel: () => <PolicyEditor /> },
            ]}
          />
        )}
      </main>
    </div>
  );
}
