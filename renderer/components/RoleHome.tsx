import { useState } from 'react';
import type { Role } from '../../electron/api';
import { useLocale } from '../i18n/context';
import { PolicyEditor } from '../wellness/PolicyEditor';
import { Tabs } from '../wellness/Tabs';
import { TeamExposure } from '../wellness/TeamExposure';
import { AppHeader } from './AppHeader';
import { EscalationList } from './EscalationList';

type NonModeratorRole = Exclude<Role, 'moderator'>;

/** Wellness leads: the team's exposure and the policy; supervisors: the escalation reports and the team's exposure, read only. */
export function RoleHome({ role }: { role: NonModeratorRole }) {
  const { t } = useLocale();
  const [tab, setTab] = useState('team');
  return (
    <div className="screen">
      <AppHeader />
      <main className="role-home" data-testid={`home-${role}`}>
        <h2>{t(`home.${role}.heading`)}</h2>
        <p>{t(`home.${role}.body`)}</p>
        {role === 'supervisor' ? (
          <>
            <EscalationList />
            <TeamExposure />
          </>
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
