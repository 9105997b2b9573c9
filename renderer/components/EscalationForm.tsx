import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { INCIDENT_TYPES, type EscalationDraft, type ReasonCode, type ReportKind } from '../../electron/api';
import { asApiError } from '../api/asApiError';
import { useLocale } from '../i18n/context';
import { looksLikeChildSafety } from '../queue/reasonCodes';
import { useStores } from '../state/stores';

/** Quiet time after typing before the draft is saved and re-checked. */
const SAVE_AFTER_MS = 400;

/** The elements this form edits, read loosely from a draft that may still miss any of them. */
interface Editable {
  incidentType: string;
  incidentDateTime: string;
  additionalInfo: string;
  threatSummary: string;
}

interface DraftView {
  incidentSummary?: { incidentType?: string; incidentDateTime?: string };
  additionalInfo?: string;
  threatSummary?: string;
  personOrUserReported?: { screenName?: string; displayName?: string; espIdentifier?: string };
  files?: Array<{ sha256?: string; fileViewedByEsp?: boolean; bankMatch?: { bank?: string; category?: string; distance?: number } | null }>;
}

function editableOf(draft: EscalationDraft): Editable {
  const report = draft.report as DraftView;
  return {
    incidentType: report.incidentSummary?.incidentType ?? '',
    incidentDateTime: report.incidentSummary?.incidentDateTime ?? '',
    additionalInfo: report.additionalInfo ?? '',
    threatSummary: report.threatSummary ?? '',
  };
}

/** Empty fields are sent as null, which removes them, so the problems list names what is missing. */
function patchOf(kind: ReportKind, fields: Editable) {
  const orNull = (value: string) => (value.trim() === '' ? null : value.trim());
  const incidentSummary: Record<string, string | null> = { incidentDateTime: orNull(fields.incidentDateTime) };
  if (kind === 'child_safety') incidentSummary.incidentType = orNull(fields.incidentType);
  return {
    incidentSummary,
    additionalInfo: orNull(fields.additionalInfo),
    ...(kind === 'law_enforcement' ? { threatSummary: orNull(fields.threatSummary) } : {}),
  };
}

/**
 * The escalation report, prefilled by core from the item, its signals, its account and the reveal
 * log. fileViewedByEsp is shown but never editable: it must say what the reveal log says.
 * Ctrl+Enter saves and queues it; it is only queued once core finds nothing missing.
 */
export function EscalationForm({
  itemId,
  kind,
  reasonCode,
  reasonCodes,
  onQueued,
  onClose,
}: {
  itemId: string;
  kind: ReportKind;
  reasonCode: string | null;
  reasonCodes: readonly ReasonCode[];
  onQueued: () => void;
  onClose: () => void;
}) {
  const { t } = useLocale();
  const { api } = useStores();
  const baseId = useId();
  const [draft, setDraft] = useState<EscalationDraft | null>(null);
  const [fields, setFields] = useState<Editable | null>(null);
  const codes = kind === 'child_safety' ? reasonCodes.filter((rc) => looksLikeChildSafety(rc.category)) : reasonCodes;
  const [code, setCode] = useState<string>(() => reasonCode ?? codes[0]?.code ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const firstField = useRef<HTMLElement | null>(null);

  useEffect(() => {
    let cancelled = false;
    api.call('escalation.open', { itemId, kind }).then(
      (opened) => {
        if (cancelled) return;
        setDraft(opened);
        setFields(editableOf(opened));
        setCode((chosen) => reasonCode ?? opened.reasonCode ?? chosen);
      },
      (caught: unknown) => !cancelled && setProblem(asApiError(caught).message),
    );
    return () => {
      cancelled = true;
    };
  }, [api, itemId, kind, reasonCode]);

  useEffect(() => {
    if (draft !== null) firstField.current?.focus();
  }, [draft !== null]);

  const save = async (): Promise<EscalationDraft | null> => {
    if (draft === null || fields === null) return null;
    const saved = await api.call('escalation.update', {
      draftId: draft.draftId,
      patch: { reasonCode: code === '' ? null : code, report: patchOf(kind, fields) },
    });
    setDraft(saved);
    return saved;
  };

  // Core re-checks the draft as it is typed, so the list of what is missing stays current.
  useEffect(() => {
    if (draft === null || fields === null) return;
    const timer = setTimeout(() => void save().catch((caught: unknown) => setProblem(asApiError(caught).message)), SAVE_AFTER_MS);
    return () => clearTimeout(timer);
    // save reads the latest fields and code; re-arming on draft changes would save in a loop.
  }, [fields, code]);

  const queue = async () => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const saved = await save();
      if (saved !== null && saved.problems.length === 0) {
        await api.call('escalation.submit', { draftId: saved.draftId });
        onQueued();
        return;
      }
    } catch (caught) {
      setProblem(asApiError(caught).message);
    }
    setBusy(false);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') onClose();
    else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void queue();
    else return;
    event.preventDefault();
  };

  const set = (name: keyof Editable) => (event: { target: { value: string } }) =>
    setFields((current) => (current === null ? current : { ...current, [name]: event.target.value }));
  const onBlur = () => void save().catch((caught: unknown) => setProblem(asApiError(caught).message));
  const report = (draft?.report ?? {}) as DraftView;
  const field = (name: string) => `${baseId}-${name}`;

  return (
    <div className="dialog-backdrop">
      <div
        className="dialog dialog-wide"
        role="dialog"
        aria-modal="true"
        aria-labelledby={field('title')}
        aria-describedby={field('hint')}
        data-testid="escalation-form"
        data-kind={kind}
        data-status={draft?.status ?? 'loading'}
        onKeyDown={onKeyDown}
      >
        <h2 id={field('title')}>{t(`escalation.title.${kind}`)}</h2>
        <p className="hint" id={field('hint')}>
          {t('escalation.hint')}
        </p>
        {problem !== null && (
          <p className="notice notice-error" role="alert">
            {problem}
          </p>
        )}
        {draft === null || fields === null ? (
          <p role="status">{t('escalation.loading')}</p>
        ) : (
          <>
            <section className="panel" aria-labelledby={field('reported')}>
              <h3 id={field('reported')}>{t('escalation.reported')}</h3>
              <p data-testid="escalation-reported">
                {report.personOrUserReported?.displayName} @{report.personOrUserReported?.screenName} ({report.personOrUserReported?.espIdentifier})
              </p>
            </section>
            <div className="form-grid">
              <label htmlFor={field('reason')}>{t('escalation.reasonCode')}</label>
              <select
                id={field('reason')}
                ref={(el) => {
                  firstField.current = el;
                }}
                value={code}
                onChange={(e) => setCode(e.target.value)}
                onBlur={onBlur}
                data-testid="escalation-reason"
              >
                {codes.map((rc) => (
                  <option key={rc.code} value={rc.code}>
                    {rc.code} — {rc.label}
                  </option>
                ))}
              </select>
              {kind === 'child_safety' && (
                <>
                  <label htmlFor={field('type')}>{t('escalation.incidentType')}</label>
                  <select id={field('type')} value={fields.incidentType} onChange={set('incidentType')} onBlur={onBlur} required data-testid="escalation-incident-type">
                    <option value="">—</option>
                    {INCIDENT_TYPES.map((type) => (
                      <option key={type} value={type}>
                        {type}
                      </option>
                    ))}
                  </select>
                </>
              )}
              <label htmlFor={field('when')}>{t('escalation.incidentDateTime')}</label>
              <input id={field('when')} value={fields.incidentDateTime} onChange={set('incidentDateTime')} onBlur={onBlur} required data-testid="escalation-when" />
              {kind === 'law_enforcement' && (
                <>
                  <label htmlFor={field('threat')}>{t('escalation.threatSummary')}</label>
                  <textarea id={field('threat')} rows={3} value={fields.threatSummary} onChange={set('threatSummary')} onBlur={onBlur} required />
                </>
              )}
              <label htmlFor={field('info')}>{t('escalation.additionalInfo')}</label>
              <textarea
                id={field('info')}
                rows={4}
                value={fields.additionalInfo}
                onChange={set('additionalInfo')}
                onBlur={onBlur}
                required
                data-testid="escalation-info"
              />
            </div>
            <section className="panel" aria-labelledby={field('files')}>
              <h3 id={field('files')}>{t('escalation.files')}</h3>
              <p className="hint" id={field('viewed-why')}>
                {t('escalation.fileViewedWhy')}
              </p>
              <ul className="plain-list">
                {(report.files ?? []).map((file) => (
                  <li key={file.sha256} className="report-file" data-testid="escalation-file">
                    <code>{file.sha256?.slice(0, 16)}…</code>{' '}
                    <span>
                      {file.bankMatch
                        ? t('escalation.bankMatch', { bank: file.bankMatch.bank ?? '', category: file.bankMatch.category ?? '', distance: file.bankMatch.distance ?? 0 })
                        : t('escalation.noBankMatch')}
                    </span>
                    <span className="readonly-fact">
                      {t('escalation.fileViewed')}:{' '}
                      <output aria-describedby={field('viewed-why')} data-testid="file-viewed" data-value={String(file.fileViewedByEsp)}>
                        {file.fileViewedByEsp ? t('escalation.yes') : t('escalation.no')}
                      </output>
                    </span>
                  </li>
                ))}
              </ul>
            </section>
            {draft.problems.length > 0 && (
              <section className="problems" aria-labelledby={field('problems')} data-testid="escalation-problems">
                <h3 id={field('problems')}>{t('escalation.problems')}</h3>
                <ul>
                  {draft.problems.map((p) => (
                    <li key={p.path}>
                      {t('escalation.problem', { path: p.path, message: /received undefined/.test(p.message) ? t('escalation.missing') : p.message })}
                    </li>
                  ))}
                </ul>
              </section>
            )}
            <p className="muted">{t('escalation.status', { status: draft.status })}</p>
          </>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('escalation.close')} <kbd>Esc</kbd>
          </button>
          <button type="button" className="button-primary" disabled={draft === null || busy} onClick={() => void queue()} data-testid="escalation-submit">
            {t('escalation.submit')} <kbd>Ctrl+Enter</kbd>
          </button>
        </div>
      </div>
    </div>
  );
}
