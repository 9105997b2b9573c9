import type { Decision } from '../../electron/api';
import { secondsLeft } from '../format/time';
import { useLocale } from '../i18n/context';
import { useNow } from './useNow';

export function UndoToast({ decision }: { decision: Decision | null }) {
  const { t } = useLocale();
  const nowMs = useNow(250);
  const seconds = decision === null ? 0 : secondsLeft(decision.undoUntil, nowMs);
  if (seconds === 0) return null;
  return (
    <p className="status-note" role="status" data-testid="undo-toast">
      {t('decision.recorded', { seconds })}
    </p>
  );
}
