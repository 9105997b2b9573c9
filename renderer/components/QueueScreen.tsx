import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocale } from '../i18n/context';
import { commandForKey, isTypingTarget, type QueueCommand } from '../keys/queueKeys';
import type { PickerAction } from '../queue/reasonCodes';
import { useQueue, useStores } from '../state/stores';
import { AccountContext } from './AccountContext';
import { AppHeader } from './AppHeader';
import { DecisionBar } from './DecisionBar';
import { ErrorNotice } from './ErrorNotice';
import { ItemDetail } from './ItemDetail';
import { ItemList } from './ItemList';
import { QueueHeaderStatus } from './QueueHeaderStatus';
import { ReasonPicker } from './ReasonPicker';
import { UndoToast } from './UndoToast';

export function QueueScreen() {
  const { t } = useLocale();
  const { queue: store } = useStores();
  const queue = useQueue((s) => s.queue);
  const view = useQueue((s) => s.view);
  const reasonCodes = useQueue((s) => s.reasonCodes);
  const lastDecision = useQueue((s) => s.lastDecision);
  const busy = useQueue((s) => s.busy);
  const error = useQueue((s) => s.error);
  const [picker, setPicker] = useState<PickerAction | null>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    void store.getState().load();
  }, [store]);

  const canDecide = view !== null && view.status === 'pending';

  const run = useCallback(
    (command: QueueCommand) => {
      const state = store.getState();
      const pending = state.view !== null && state.view.status === 'pending';
      switch (command) {
        case 'approve':
        case 'skip':
          if (pending) void state.decide(command, null);
          return;
        case 'remove':
        case 'escalate':
          if (pending) setPicker(command);
          return;
        case 'undo':
          void state.undo(Date.now());
          return;
        case 'note':
          noteRef.current?.focus();
          return;
        case 'pull':
          if (state.queue !== null && state.queue.currentItemId === null) void state.pull();
          return;
      }
    },
    [store],
  );

  useEffect(() => {
    if (picker !== null) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const command = commandForKey({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        repeat: event.repeat,
        typing: isTypingTarget(event.target as HTMLElement | null),
      });
      if (command === null) return;
      // Keeps the N key from typing an "n" into the note it just focused.
      event.preventDefault();
      run(command);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [picker, run]);

  const confirmReason = (code: string) => {
    const action = picker;
    setPicker(null);
    if (action !== null) void store.getState().decide(action, code);
  };

  const position = view && queue ? queue.items.findIndex((item) => item.id === view.item.id) + 1 : 0;

  return (
    <div className="screen queue-screen" data-testid="queue-screen">
      <AppHeader>{queue && <QueueHeaderStatus queue={queue} />}</AppHeader>
      {error && <ErrorNotice error={error} onDismiss={() => store.getState().clearError()} />}

      {queue !== null && queue.assignment === null && (
        <main className="queue-empty" data-testid="queue-empty">
          <h2>{t('queue.empty.heading')}</h2>
          <p>{t('queue.empty.body')}</p>
          <PullButton busy={busy} onPull={() => run('pull')} />
        </main>
      )}

      {queue !== null && queue.assignment !== null && (
        <div className="queue-layout">
          <ItemList items={queue.items} viewedItemId={view?.item.id ?? null} />
          <main className="queue-main">
            {queue.currentItemId === null && view === null ? (
              <section className="batch-done" data-testid="batch-done">
                <h2>{t('queue.done.heading')}</h2>
                <p>{t('queue.done.body')}</p>
                <PullButton busy={busy} onPull={() => run('pull')} />
              </section>
            ) : view === null ? (
              <p className="muted">{t('queue.loadingItem')}</p>
            ) : (
              <ItemDetail view={view} position={position} total={queue.items.length} />
            )}
          </main>
          <aside className="queue-aside">{view && <AccountContext view={view} />}</aside>
        </div>
      )}

      {queue !== null && queue.assignment !== null && (
        <DecisionBar onCommand={run} canDecide={canDecide} lastDecision={lastDecision} noteRef={noteRef} />
      )}
      <UndoToast decision={lastDecision} />
      {picker !== null && (
        <ReasonPicker action={picker} reasonCodes={reasonCodes} onConfirm={confirmReason} onCancel={() => setPicker(null)} />
      )}
    </div>
  );
}

function PullButton({ busy, onPull }: { busy: boolean; onPull: () => void }) {
  const { t } = useLocale();
  return (
    <button type="button" className="button-primary" onClick={onPull} disabled={busy} data-testid="pull-batch" aria-keyshortcuts="P">
      <kbd>P</kbd> {busy ? t('queue.pulling') : t('queue.pull')}
    </button>
  );
}
