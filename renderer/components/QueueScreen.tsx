import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type MediaSignals, type ReportKind, STORYBOARD_KEYFRAMES } from '../../electron/api';
import { useLocale } from '../i18n/context';
import { isTypingTarget, type QueueCommand } from '../keys/queueKeys';
import { useQueueKeyboard } from '../keys/useQueueKeyboard';
import { allowed, decisionScope } from '../queue/decisionScope';
import { isChildSafetyReason, suggestedCodes, type PickerAction } from '../queue/reasonCodes';
import { analysisPending } from '../signals/childSafety';
import { useQueue, useStores, useViewing } from '../state/stores';
import { AccountContext } from './AccountContext';
import { CorrectionsNotice } from '../audit/CorrectionsNotice';
import { AppHeader } from './AppHeader';
import { DecisionBar } from './DecisionBar';
import { EnforcementMenu } from './EnforcementMenu';
import { ErrorNotice } from './ErrorNotice';
import { EscalateChooser, type EscalationChoice } from './EscalateChooser';
import { EscalationForm } from './EscalationForm';
import { HandBackDialog } from './HandBackDialog';
import { ItemDetail } from './ItemDetail';
import { ItemList } from './ItemList';
import { LeaseWarningNotice } from './LeaseWarningNotice';
import { QueueHeaderStatus } from './QueueHeaderStatus';
import { ReasonPicker } from './ReasonPicker';
import { SignalsPanel } from './SignalsPanel';
import { SkipPicker } from './SkipPicker';
import { WellnessNotice } from '../wellness/WellnessNotice';
import { WellnessPanel } from '../wellness/WellnessPanel';

/**
 * While analysis runs, the item is re-read this often so its signals (and a match) show up even
 * where core does not send item.analysed yet.
 */
const PENDING_REFRESH_MS = 500;
const STATUS_MESSAGE_MS = 6000;
/** A played keyframe stays at least this long, however short the video, so it can be taken in. */
const MIN_KEYFRAME_MS = 500;

type OpenDialog =
  | { kind: 'reason'; action: PickerAction; selected: boolean }
  | { kind: 'skip' }
  | { kind: 'handBack' }
  | { kind: 'chooser' }
  | { kind: 'enforce' }
  | { kind: 'wellness' }
  | { kind: 'escalation'; report: ReportKind; reasonCode: string | null; imminent?: boolean };

/** Where each escalation choice leads; on a child-safety match the specialist choice is the hand back. */
function routeOf(choice: EscalationChoice, childSafety: boolean): OpenDialog {
  switch (choice) {
    case 'child_safety':
      return { kind: 'escalation', report: 'child_safety', reasonCode: null };
    case 'imminent':
      return { kind: 'escalation', report: 'law_enforcement', reasonCode: null, imminent: true };
    case 'referral':
      return { kind: 'escalation', report: 'law_enforcement', reasonCode: null, imminent: false };
    case 'specialist':
      return childSafety ? { kind: 'handBack' } : { kind: 'reason', action: 'escalate', selected: false };
  }
}

const blurByCommand = { blurHeavy: 'heavy', blurMedium: 'medium', blurLight: 'light' } as const;

/** Keyframes of the item's first video (core's storyboard holds up to 9, one a second); 0 without a video. */
function keyframesOf(media: readonly MediaSignals[]): number {
  const video = media.find((m) => m.video !== undefined)?.video;
  return video ? Math.min(STORYBOARD_KEYFRAMES, video.vpdq.frames) : 0;
}

export function QueueScreen() {
  const { t } = useLocale();
  const { queue: store, viewing } = useStores();
  const queue = useQueue((s) => s.queue);
  const view = useQueue((s) => s.view);
  const reasonCodes = useQueue((s) => s.reasonCodes);
  const lastDecision = useQueue((s) => s.lastDecision);
  const selected = useQueue((s) => s.selected);
  const busy = useQueue((s) => s.busy);
  const nextReady = useQueue((s) => !s.busy && s.view !== null && s.ahead?.afterItemId === s.view.item.id && s.ahead.ready);
  const error = useQueue((s) => s.error);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const detailRef = useRef<HTMLElement>(null);

  useEffect(() => {
    void store.getState().load();
  }, [store]);

  const viewedId = view?.item.id ?? null;
  const scope = decisionScope(view, selected);
  const suggested = useMemo(() => (view === null ? [] : suggestedCodes(reasonCodes, view.signals)), [reasonCodes, view]);
  // Stable, so a decision redraws only the rows it changes.
  const openItem = useCallback((itemId: string) => void store.getState().viewItem(itemId), [store]);

  // Every new item starts at heavy blur and grayscale, and the keyboard starts on it.
  useEffect(() => {
    viewing.getState().startItem(viewedId);
    if (viewedId !== null && !isTypingTarget(document.activeElement)) detailRef.current?.focus({ preventScroll: true });
  }, [viewing, viewedId]);

  // Playing shows the keyframes at their pace in the video (at least half a second each), each drawn by core.
  const playing = useViewing((s) => s.playing);
  const keyframes = view ? keyframesOf(view.signals.media) : 0;
  const videoSeconds = view?.signals.media.find((m) => m.video !== undefined)?.video?.durationSeconds ?? 0;
  useEffect(() => {
    if (!playing || viewedId === null || keyframes === 0) return;
    const pace = Math.max(MIN_KEYFRAME_MS, (videoSeconds * 1000) / keyframes);
    const timer = setInterval(() => viewing.getState().advancePlayback(viewedId, keyframes), pace);
    return () => clearInterval(timer);
  }, [playing, viewedId, keyframes, videoSeconds, viewing]);

  useEffect(() => {
    if (status === null) return;
    const timer = setTimeout(() => setStatus(null), STATUS_MESSAGE_MS);
    return () => clearTimeout(timer);
  }, [status]);

  useEffect(() => {
    if (view === null || !analysisPending(view.signals)) return;
    const timer = setTimeout(() => void store.getState().refreshView(), PENDING_REFRESH_MS);
    return () => clearTimeout(timer);
  }, [store, view]);

  const run = useCallback(
    (command: QueueCommand) => {
      const state = store.getState();
      const shownView = state.view;
      const shownScope = decisionScope(shownView, state.selected);
      const canUndo = state.decidingItemId !== null || (state.lastDecision !== null && Date.parse(state.lastDecision.undoUntil) > Date.now());
      if (!allowed(command, shownScope, canUndo)) return;
      const moveBy = (step: number) => {
        if (state.queue === null || shownView === null) return;
        const at = state.queue.items.findIndex((i) => i.id === shownView.item.id);
        const next = state.queue.items[at + step];
        if (next) void state.viewItem(next.id);
      };
      switch (command) {
        case 'approve':
          void state.decide('approve', null);
          return;
        case 'remove':
          setDialog({ kind: 'reason', action: 'remove', selected: false });
          return;
        case 'skip':
          setDialog(shownScope.mode === 'childSafety' ? { kind: 'handBack' } : { kind: 'skip' });
          return;
        case 'escalate':
          setDialog({ kind: 'chooser' });
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
        case 'enforce':
          setDialog({ kind: 'enforce' });
          return;
        case 'toggleSelect':
          if (shownView) state.toggleSelected(shownView.item.id);
          return;
        case 'approveSelected':
          void state.decideSelected('approve', null);
          return;
        case 'removeSelected':
          setDialog({ kind: 'reason', action: 'remove', selected: true });
          return;
        case 'blurHeavy':
        case 'blurMedium':
        case 'blurLight':
          // Core decides: a step lighter than the policy allows comes back refused, with its reason.
          if (shownView) viewing.getState().step(shownView.item.id, blurByCommand[command]);
          return;
        case 'grayscale':
          if (shownView) viewing.getState().toggleGrayscale(shownView.item.id, shownView.wellness.media[0]?.grayscale ?? true);
          return;
        case 'showWarned':
          if (shownView) viewing.getState().showWarned(shownView.item.id);
          return;
        case 'wellness':
          setDialog({ kind: 'wellness' });
          return;
        case 'previousKeyframe':
        case 'nextKeyframe':
        case 'playVideo': {
          const keyframes = shownView ? keyframesOf(shownView.signals.media) : 0;
          if (!shownView || keyframes === 0) return;
          if (command === 'playVideo') viewing.getState().togglePlay(shownView.item.id, keyframes);
          else viewing.getState().stepFrame(shownView.item.id, command === 'nextKeyframe' ? 1 : -1, keyframes);
          return;
        }
        case 'previousItem':
          moveBy(-1);
          return;
        case 'nextItem':
          moveBy(1);
          return;
      }
    },
    [store, viewing],
  );

  useQueueKeyboard({ enabled: dialog === null, run, viewing });

  // Each dialog gives focus back to where it was when it opened (the item, as a rule).
  const closeDialog = () => setDialog(null);

  const confirmReason = (code: string) => {
    if (dialog?.kind !== 'reason') return;
    const state = store.getState();
    const reason = reasonCodes.find((rc) => rc.code === code);
    if (dialog.selected) {
      closeDialog();
      void state.decideSelected(dialog.action, code);
    } else if (reason && isChildSafetyReason(reason)) {
      // Core takes a child-safety code only with its report: the picker has confirmed that this is meant.
      setDialog({ kind: 'escalation', report: 'child_safety', reasonCode: code });
    } else {
      closeDialog();
      void state.decide(dialog.action, code);
    }
  };

  const position = view && queue ? queue.items.findIndex((item) => item.id === view.item.id) + 1 : 0;
  const selectedHandle = queue?.items.find((i) => i.id === selected[0])?.accountHandle;

  return (
    <div className="screen queue-screen" data-testid="queue-screen">
      <AppHeader>
        {queue && <QueueHeaderStatus queue={queue} />}
        <CorrectionsNotice />
      </AppHeader>
      <div className="screen-notices">
        {error && <ErrorNotice error={error} onDismiss={() => store.getState().clearError()} />}
        <LeaseWarningNotice />
        {queue?.leaseState === 'expired' && (
          <p className="notice notice-warn" role="alert" data-testid="lease-expired">
            {t('lease.expired')}
          </p>
        )}
        <ViewingProblem />
        <WellnessNotice />
      </div>

      {queue !== null && queue.assignment === null && (
        <main className="queue-empty" data-testid="queue-empty">
          <h2>{t('queue.empty.heading')}</h2>
          <p>{t('queue.empty.body')}</p>
          <PullButton busy={busy} onPull={() => run('pull')} />
        </main>
      )}

      {queue !== null && queue.assignment !== null && (
        <div className="queue-layout">
          <ItemList items={queue.items} viewedItemId={viewedId} selected={selected} onOpen={openItem} />
          {/* Panes scroll on their own, so each can take focus for the arrow keys and Page Up/Down. */}
          <main className="queue-main" ref={detailRef} tabIndex={0} data-testid="queue-main">
            {queue.currentItemId === null && view === null ? (
              <section className="batch-done" data-testid="batch-done">
                <h2>{t('queue.done.heading')}</h2>
                <p>{t('queue.done.body')}</p>
                {queue.items.some((i) => i.withheld !== undefined) && (
                  <p className="notice notice-warn" data-testid="withheld-summary">
                    {t('queue.withheld.summary', { count: queue.items.filter((i) => i.withheld !== undefined).length })}
                  </p>
                )}
                <PullButton busy={busy} onPull={() => run('pull')} />
              </section>
            ) : view === null ? (
              <p className="muted">{t('queue.loadingItem')}</p>
            ) : (
              <>
                {view.status !== 'pending' && (
                  <p className="notice notice-info" role="status" data-testid="correcting">
                    {t('decision.correcting', { status: t(`queue.status.${view.status}`) })}
                  </p>
                )}
                <ItemDetail view={view} position={position} total={queue.items.length} nextReady={nextReady} />
              </>
            )}
          </main>
          <aside className="queue-aside" tabIndex={0} aria-label={t('queue.asideLabel')}>
            {selected.length > 0 && (
              <p className="tag selection-summary" role="status" data-testid="selection-summary">
                {t('selection.summary', { count: selected.length, handle: selectedHandle ?? '' })}
              </p>
            )}
            {view && <SignalsPanel signals={view.signals} />}
            {view && <AccountContext view={view} />}
          </aside>
        </div>
      )}

      {queue !== null && queue.assignment !== null && (
        <DecisionBar onCommand={run} scope={scope} lastDecision={lastDecision} message={status} noteRef={noteRef} />
      )}
      {dialog?.kind === 'wellness' && <WellnessPanel onClose={closeDialog} />}
      {dialog?.kind === 'chooser' && (
        <EscalateChooser
          childSafety={scope.mode === 'childSafety'}
          onChoose={(choice) => setDialog(routeOf(choice, scope.mode === 'childSafety'))}
          onCancel={closeDialog}
        />
      )}
      {dialog?.kind === 'reason' && (
        <ReasonPicker
          action={dialog.action}
          reasonCodes={reasonCodes}
          suggested={dialog.selected ? [] : suggested}
          childSafetyOffered={!dialog.selected}
          onConfirm={confirmReason}
          onCancel={closeDialog}
        />
      )}
      {dialog?.kind === 'skip' && (
        <SkipPicker
          onConfirm={(reason) => {
            closeDialog();
            void store.getState().skip(reason);
          }}
          onCancel={closeDialog}
        />
      )}
      {dialog?.kind === 'handBack' && (
        <HandBackDialog
          initialNote={store.getState().note}
          onConfirm={(note) => {
            closeDialog();
            void store.getState().skip('needs_specialist', note);
          }}
          onCancel={closeDialog}
        />
      )}
      {dialog?.kind === 'enforce' && view && (
        <EnforcementMenu
          view={view}
          itemIds={selected.length > 0 ? selected : [view.item.id]}
          reasonCodes={reasonCodes}
          onApplied={(applied) => {
            closeDialog();
            setStatus(t('enforce.applied', { action: t(`action.${applied.action}`) }));
          }}
          onCancel={closeDialog}
        />
      )}
      {dialog?.kind === 'escalation' && view && (
        <EscalationForm
          itemId={view.item.id}
          kind={dialog.report}
          reasonCode={dialog.reasonCode}
          imminent={dialog.imminent}
          reasonCodes={reasonCodes}
          onQueued={() => {
            closeDialog();
            void store.getState().load(undefined);
          }}
          onClose={closeDialog}
        />
      )}
    </div>
  );
}

function ViewingProblem() {
  const { t } = useLocale();
  const message = useViewing((s) => s.problem);
  if (message === null) return null;
  return (
    <p className="notice notice-error" role="alert" data-testid="viewing-problem">
      {t('viewing.problem', { message })}
    </p>
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
