import { useId, useState, type FormEvent } from 'react';
import { MAX_SUSPENSION_DAYS, type AppliedAction, type EnforcementAction, type ItemView, type ReasonCode } from '../../electron/api';
import { asApiError } from '../api/asApiError';
import { useLocale } from '../i18n/context';
import { actionsAllowedBy, kindOf } from '../queue/enforcement';
import { isChildSafetyReason } from '../queue/reasonCodes';
import { useStores } from '../state/stores';
import { Dialog } from './Dialog';

/**
 * F: an enforcement action on the item's content or its account, for the item on screen or for
 * every selected item of the same account. Only what the chosen reason code allows is offered.
 * No code is chosen for the moderator (except the one they already decided the item with), and
 * child-safety codes are not offered: their actions come with the child-safety report.
 */
export function EnforcementMenu({
  view,
  itemIds,
  reasonCodes,
  onApplied,
  onCancel,
}: {
  view: ItemView;
  itemIds: readonly string[];
  reasonCodes: readonly ReasonCode[];
  onApplied: (action: AppliedAction) => void;
  onCancel: () => void;
}) {
  const { t } = useLocale();
  const { api } = useStores();
  const baseId = useId();
  const usable = reasonCodes.filter((rc) => actionsAllowedBy(rc).length > 0 && !isChildSafetyReason(rc));
  const [code, setCode] = useState(() => usable.find((rc) => rc.code === view.decision?.reasonCode)?.code ?? '');
  const allowed = actionsAllowedBy(reasonCodes.find((rc) => rc.code === code));
  const [chosen, setChosen] = useState<EnforcementAction | null>(null);
  const action = chosen !== null && allowed.includes(chosen) ? chosen : (allowed[0] ?? null);
  const [days, setDays] = useState('7');
  const [label, setLabel] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (code === '') {
      setProblem(t('enforce.chooseReason'));
      return;
    }
    if (action === null || busy) return;
    setBusy(true);
    setProblem(null);
    const params = action === 'suspend_account' ? { suspensionDays: Number(days) } : action === 'label_content' ? { label: label.trim() } : {};
    const common = { itemIds: [...itemIds], reasonCode: code, params, note: null };
    try {
      const { action: applied } = await api.call(
        'actions.apply',
        kindOf(action) === 'content'
          ? { kind: 'content', action: action as 'remove_content', accountId: view.item.account.id, ...common }
          : { kind: 'account', action: action as 'warn_user', accountId: view.item.account.id, ...common },
      );
      onApplied(applied);
    } catch (caught) {
      setProblem(asApiError(caught).message);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t('enforce.title', { handle: view.item.account.handle })}
      description={t('enforce.hint')}
      testId="enforcement-menu"
      onClose={onCancel}
      onSubmit={(e) => void submit(e)}
      actions={
        <>
          <button type="button" onClick={onCancel}>
            {t('picker.cancel')} <kbd>Esc</kbd>
          </button>
          <button type="submit" className="button-primary" disabled={busy} data-testid="enforcement-apply">
            {t('enforce.apply')} <kbd>Enter</kbd>
          </button>
        </>
      }
    >
      <p data-testid="enforcement-scope">{t('enforce.scope', { items: itemIds.join(', ') })}</p>
      <div className="form-grid">
        <label htmlFor={`${baseId}-reason`}>{t('enforce.reason')}</label>
        <select
          id={`${baseId}-reason`}
          value={code}
          data-autofocus
          aria-required="true"
          onChange={(e) => {
            setCode(e.target.value);
            setProblem(null);
          }}
          data-testid="enforcement-reason"
        >
          <option value="" disabled>
            {t('enforce.noReason')}
          </option>
          {usable.map((rc) => (
            <option key={rc.code} value={rc.code}>
              {rc.code} — {rc.label}
            </option>
          ))}
        </select>
        <label htmlFor={`${baseId}-action`}>{t('enforce.action')}</label>
        <select
          id={`${baseId}-action`}
          value={action ?? ''}
          onChange={(e) => setChosen(e.target.value as EnforcementAction)}
          disabled={allowed.length === 0}
          data-testid="enforcement-action"
        >
          {allowed.map((a) => (
            <option key={a} value={a}>
              {t(`action.${a}`)}
            </option>
          ))}
        </select>
        {action === 'suspend_account' && (
          <>
            <label htmlFor={`${baseId}-days`}>{t('enforce.days')}</label>
            <input
              id={`${baseId}-days`}
              type="number"
              min={1}
              max={MAX_SUSPENSION_DAYS}
              required
              value={days}
              onChange={(e) => setDays(e.target.value)}
              data-testid="enforcement-days"
            />
          </>
        )}
        {action === 'label_content' && (
          <>
            <label htmlFor={`${baseId}-label`}>{t('enforce.label')}</label>
            <input id={`${baseId}-label`} required maxLength={100} value={label} onChange={(e) => setLabel(e.target.value)} />
          </>
        )}
      </div>
      {code !== '' && allowed.length === 0 && <p role="status">{t('enforce.none')}</p>}
      {problem !== null && (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      )}
    </Dialog>
  );
}
