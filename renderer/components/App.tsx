import { useEffect } from 'react';
import { useLocale } from '../i18n/context';
import { useSession, useStores } from '../state/stores';
import { LoginScreen } from './LoginScreen';
import { QueueScreen } from './QueueScreen';
import { RoleHome } from './RoleHome';

export function App() {
  const { t } = useLocale();
  const { api, session, queue, sync } = useStores();
  const phase = useSession((s) => s.phase);
  const role = useSession((s) => s.account?.role ?? null);

  useEffect(() => {
    void session.getState().start();
  }, [session]);

  // Events are only hints to re-read; everything shown still comes from calls.
  useEffect(() => {
    if (role === null) return;
    void sync.getState().refresh();
    const unsubscribe = api.subscribe((event) => {
      if (event.type === 'sync.status') sync.getState().apply(event.status);
      else if (role === 'moderator') void queue.getState().onEvent(event);
    });
    return () => {
      unsubscribe();
      queue.getState().reset();
      sync.getState().reset();
    };
  }, [api, role, queue, sync]);

  if (phase === 'loading') {
    return (
      <p className="startup" role="status">
        {t('app.loading')}
      </p>
    );
  }
  if (phase === 'signedOut' || role === null) return <LoginScreen />;
  if (role === 'moderator') return <QueueScreen />;
  return <RoleHome role={role} />;
}
