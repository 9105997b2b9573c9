import { useEffect } from 'react';
import { useLocale } from '../i18n/context';
import { useSession, useStores, useWellness } from '../state/stores';
import { stopsReview } from '../state/wellness';
import { BreakScreen } from './BreakScreen';
import { LoginScreen } from './LoginScreen';
import { QueueScreen } from './QueueScreen';
import { RoleHome } from './RoleHome';
import { useActivityPing } from './useActivityPing';

export function App() {
  const { t } = useLocale();
  const { api, session, queue, sync, wellness } = useStores();
  const phase = useSession((s) => s.phase);
  const role = useSession((s) => s.account?.role ?? null);
  const stopped = useWellness((s) => stopsReview(s.status));
  useActivityPing(api, role === 'moderator');

  useEffect(() => {
    void session.getState().start();
  }, [session]);

  // Events are only hints to re-read; everything shown still comes from calls.
  useEffect(() => {
    if (role === null) return;
    void sync.getState().refresh();
    if (role === 'moderator') void wellness.getState().refresh();
    const unsubscribe = api.subscribe((event) => {
      if (event.type === 'sync.status') sync.getState().apply(event.status);
      else {
        // A limit reached or a break over changes what the queue offers, so the queue re-reads too.
        if (event.type === 'wellness.status') wellness.getState().apply(event.status);
        if (role === 'moderator') void queue.getState().onEvent(event);
      }
    });
    return () => {
      unsubscribe();
      queue.getState().reset();
      sync.getState().reset();
      wellness.getState().reset();
    };
  }, [api, role, queue, sync, wellness]);

  if (phase === 'loading') {
    return (
      <p className="startup" role="status">
        {t('app.loading')}
      </p>
    );
  }
  if (phase === 'signedOut' || role === null) return <LoginScreen />;
  // Core refuses review while a break is due or the day is over; the screen says so and shows nothing of the queue.
  if (role === 'moderator') return stopped ? <BreakScreen /> : <QueueScreen />;
  return <RoleHome role={role} />;
}
