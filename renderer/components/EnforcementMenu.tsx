import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { MAX_SUSPENSION_DAYS, type AppliedAction, type EnforcementAction, type ItemView, type ReasonCode } from '../../electron/api';
import { asApiError } from '../api/asApiError';
import { useLocale } from '../i18n/context';
import { actionsAllowedBy, kindOf } from '../queue/enforcement';
import { useStores } from '../state/stores';

/**
 * F: an enforcement action on the item's content or its account, for the item on screen or for
 * every selected item of the same account. Only what the chosen reason code allows is offered.
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
  const usable = reasonCodes.filter((rc) => actionsAllowedBy(rc).length > 0);
  const [code, setCode] = useState(() => usable.find((rc) => rc.code === view.decision?.reasonCode)?.code ?? usable[0]?.code ?? '');
  const allowed = actionsAllowedBy(reasonCodes.find((rc) => rc.code === code));
  const [chosen, setChosen] = useState<EnforcementAction | null>(null);
  const action = chosen !== null && allowed.includes(chosen) ? chosen : (allowed[0] ?? null);
  const [days, setDays] = useState('7');
  const [label, setLabel] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (action === null || busy) return;
    setBusy(true);
    setProblem(null);
    const params =
      action === 'suspend_account' ? { suspensionDays: Number(days) } : action === 'label_content' ? { label: label.trim() } : {};
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

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    onCancel();
  };

  return (
    <div className="dialog-backdrop">
      <form
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${baseId}-title`}
        data-testid="enforcement-menu"
        onKeyDown={onKeyDown}
        onSubmit={(e) => void submit(e)}
      >
        <h2 id={`${baseId}-title`}>{t('enforce.title', { handle: view.item.account.handle })}</h2>
        <p className="hint">{t('enforce.hint')}</p>
        <p data-testid="enforcement-scope">{t('enforce.scope', { items: itemIds.join(', ') })}</p>
        <div className="form-grid">
          <label htmlFor={`${baseId}-reason`}>{t('enforce.reason')}</label>
          <select id={`${baseId}-reason`} value={code} autoFocus onChange={(e) => setCode(e.target.value)} data-testid="enforcement-reason">
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
        {allowed.length === 0 && <p role="status">{t('enforce.none')}</p>}
        {problem !== null && (
          <p className="notice notice-error" role="alert">
            {problem}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            {t('picker.cancel')} <kbd>Esc</kbd>
          </button>
          <button type="submit" className="button-primary" disabled={action === null || busy} data-testid="enforcement-apply">
            {t('enforce.apply')} <kbd>Enter</kbd>
          </button>
        </div>
      </form>
    </div>
  );
}
