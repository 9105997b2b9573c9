import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { INCIDENT_TYPES, type DraftReport, type EscalationDraft, type ReasonCode, type ReportKind } from '../../electron/api';
import { asApiError } from '../api/asApiError';
import { useLocale } from '../i18n/context';
import { isChildSafetyReason } from '../queue/reasonCodes';
import { problemIsMissing, problemLabel } from '../queue/reportProblems';
import { useStores } from '../state/stores';
import { Dialog } from './Dialog';

/** Quiet time after typing before the draft is saved and re-checked. */
const SAVE_AFTER_MS = 400;

interface RelatedAccountFields {
  screenName: string;
  espIdentifier: string;
  relationship: string;
}

/** The elements this form edits, read loosely from a draft that may still miss any of them. */
interface Editable {
  reasonCode: string;
  incidentType: string;
  incidentDateTime: string;
  additionalInfo: string;
  threatSummary: string;
  imminent: boolean;
  relatedAccounts: RelatedAccountFields[];
}

function editableOf(draft: EscalationDraft, reasonCode: string | null, imminent: boolean | undefined): Editable {
  const report = draft.report;
  // A child-safety report's summary has an incident type; other kinds' summaries do not.
  const incident: { incidentType?: string; incidentDateTime?: string } | undefined = report.incidentSummary;
  return {
    reasonCode: reasonCode ?? draft.reasonCode ?? '',
    incidentType: incident?.incidentType ?? '',
    incidentDateTime: incident?.incidentDateTime ?? '',
    additionalInfo: report.additionalInfo ?? '',
    threatSummary: report.kind === 'law_enforcement' ? (report.threatSummary ?? '') : '',
    imminent: imminent ?? (report.kind === 'law_enforcement' && report.imminent !== false),
    relatedAccounts: (report.relatedAccounts ?? []).map((account) => ({
      screenName: account.screenName ?? '',
      espIdentifier: account.espIdentifier ?? '',
      relationship: account.relationship ?? '',
    })),
  };
}

/** Empty fields are sent as null (or left out of an array entry), so the problems list names what is missing. */
function patchOf(kind: ReportKind, fields: Editable) {
  const orNull = (value: string) => (value.trim() === '' ? null : value.trim());
  const present = (entries: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(entries)
        .filter(([, value]) => value.trim() !== '')
        .map(([k, v]) => [k, v.trim()]),
    );
  const incidentSummary: Record<string, string | null> = { incidentDateTime: orNull(fields.incidentDateTime) };
  if (kind === 'child_safety') incidentSummary.incidentType = orNull(fields.incidentType);
  return {
    reasonCode: orNull(fields.reasonCode),
    report: {
      incidentSummary,
      additionalInfo: orNull(fields.additionalInfo),
      relatedAccounts: fields.relatedAccounts.map((account) => present({ ...account })),
      ...(kind === 'law_enforcement' ? { threatSummary: orNull(fields.threatSummary), imminent: fields.imminent } : {}),
    },
  };
}

/** The policy codes a report of this kind can cite: core checks the same list of mandated actions. */
function codesFor(kind: ReportKind, reasonCodes: readonly ReasonCode[]): ReasonCode[] {
  return kind === 'child_safety'
    ? reasonCodes.filter(isChildSafetyReason)
    : reasonCodes.filter((rc) => rc.actions.includes('report_law_enforcement'));
}

/**
 * The escalation report, prefilled by core from the item, its signals, its account, the other
 * parties of its thread and the reveal log. Every element the report needs either has a field
 * here or was filled in from data; fileViewedByEsp is shown but never editable, since it must say
 * what the reveal log says. Ctrl+Enter saves and queues it, once core finds nothing missing;
 * after that nothing is saved any more.
 */
export function EscalationForm({
  itemId,
  kind,
  reasonCode,
  imminent,
  reasonCodes,
  onQueued,
  onClose,
}: {
  itemId: string;
  kind: ReportKind;
  reasonCode: string | null;
  /** For a law-enforcement referral: what the moderator chose (an emergency, or for investigation). */
  imminent?: boolean;
  reasonCodes: readonly ReasonCode[];
  onQueued: () => void;
  onClose: () => void;
}) {
  const { t } = useLocale();
  const { api } = useStores();
  const baseId = useId();
  const [draft, setDraft] = useState<EscalationDraft | null>(null);
  const [fields, setFields] = useState<Editable | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const firstField = useRef<HTMLSelectElement>(null);
  const latest = useRef<{ draftId: string; fields: Editable } | null>(null);
  // Saves go out one after another, and none after the report was submitted: a late one would be refused.
  const saving = useRef<Promise<unknown>>(Promise.resolve());
  const submitted = useRef(false);
  const codes = codesFor(kind, reasonCodes);

  useLayoutEffect(() => {
    latest.current = draft === null || fields === null ? null : { draftId: draft.draftId, fields };
  });

  useEffect(() => {
    let cancelled = false;
    api.call('escalation.open', { itemId, kind }).then(
      (opened) => {
        if (cancelled) return;
        setDraft(opened);
        setFields(editableOf(opened, reasonCode, imminent));
      },
      (caught: unknown) => !cancelled && setProblem(asApiError(caught).message),
    );
    return () => {
      cancelled = true;
    };
  }, [api, itemId, kind, reasonCode, imminent]);

  const loaded = draft !== null;
  useEffect(() => {
    if (loaded) firstField.current?.focus();
  }, [loaded]);

  const save = (): Promise<EscalationDraft | null> => {
    const next = saving.current
      .catch(() => undefined)
      .then(async () => {
        const current = latest.current;
        if (current === null || submitted.current) return null;
        const saved = await api.call('escalation.update', { draftId: current.draftId, patch: patchOf(kind, current.fields) });
        if (!submitted.current) setDraft(saved);
        return saved;
      });
    saving.current = next;
    return next;
  };
  const saveQuietly = () => void save().catch((caught: unknown) => setProblem(asApiError(caught).message));

  // Core re-checks the draft as it is typed, so the list of what is missing stays current.
  useEffect(() => {
    if (fields === null) return;
    const timer = setTimeout(saveQuietly, SAVE_AFTER_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- save reads the latest fields through a ref; re-arming on draft changes would save in a loop
  }, [fields]);

  const queue = async () => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const saved = await save();
      if (saved !== null && saved.problems.length === 0) {
        submitted.current = true;
        await api.call('escalation.submit', { draftId: saved.draftId });
        onQueued();
        return;
      }
    } catch (caught) {
      submitted.current = false;
      setProblem(asApiError(caught).message);
    }
    setBusy(false);
  };

  // What was typed since the last save is kept too: the draft stays for later.
  const close = () => {
    saveQuietly();
    onClose();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    void queue();
  };

  const update = (change: Partial<Editable>) => setFields((current) => (current === null ? current : { ...current, ...change }));
  const text = (name: 'incidentType' | 'incidentDateTime' | 'additionalInfo' | 'threatSummary' | 'reasonCode') => ({
    value: fields?.[name] ?? '',
    onChange: (event: { target: { value: string } }) => update({ [name]: event.target.value }),
    onBlur: saveQuietly,
  });
  const updateRelated = (index: number, change: Partial<RelatedAccountFields>) =>
    setFields((current) =>
      current === null ? current : { ...current, relatedAccounts: current.relatedAccounts.map((a, i) => (i === index ? { ...a, ...change } : a)) },
    );
  const report: DraftReport = draft?.report ?? {};
  const field = (name: string) => `${baseId}-${name}`;
  const problems = (draft?.problems ?? []).map((p) => ({ ...p, label: problemLabel(p.path, report) }));
  const invalid = (name: string) => problems.some((p) => p.label.field === name);
  const titleKey =
    kind === 'child_safety'
      ? 'escalation.title.child_safety'
      : fields?.imminent === false
        ? 'escalation.title.referral'
        : 'escalation.title.imminent';

  return (
    <Dialog
      title={t(titleKey)}
      description={t('escalation.hint')}
      size="wide"
      testId="escalation-form"
      data={{
        'data-kind': kind,
        'data-status': draft?.status ?? 'loading',
        ...(kind === 'law_enforcement' && fields !== null ? { 'data-imminent': String(fields.imminent) } : {}),
      }}
      onClose={close}
      onKeyDown={onKeyDown}
      actions={
        <>
          <span className="muted dialog-status" data-testid="escalation-status">
            {draft !== null && t('escalation.status', { status: t(`escalations.state.${draft.status}`) })}
            {problems.length > 0 && ` · ${t('escalation.stillNeeded', { count: problems.length })}`}
          </span>
          <button type="button" onClick={close}>
            {t('escalation.close')} <kbd>Esc</kbd>
          </button>
          <button
            type="button"
            className="button-primary"
            disabled={draft === null || busy}
            onClick={() => void queue()}
            data-testid="escalation-submit"
          >
            {t('escalation.submit')} <kbd>Ctrl+Enter</kbd>
          </button>
        </>
      }
    >
      {problem !== null && (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      )}
      {draft === null || fields === null ? (
        <p role="status">{t('escalation.loading')}</p>
      ) : (
        <>
          <div className="form-grid">
            <label htmlFor={field('reason')}>{t('escalation.reasonCode')}</label>
            <select id={field('reason')} ref={firstField} {...text('reasonCode')} aria-invalid={invalid('reason')} data-testid="escalation-reason">
              <option value="" disabled>
                {t('enforce.noReason')}
              </option>
              {codes.map((rc) => (
                <option key={rc.code} value={rc.code}>
                  {rc.code} — {rc.label}
                </option>
              ))}
            </select>
            {kind === 'child_safety' && (
              <>
                <label htmlFor={field('type')}>{t('escalation.incidentType')}</label>
                <select id={field('type')} {...text('incidentType')} aria-invalid={invalid('type')} data-testid="escalation-incident-type">
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
            <input id={field('when')} {...text('incidentDateTime')} aria-invalid={invalid('when')} data-testid="escalation-when" />
            {kind === 'law_enforcement' && (
              <>
                <label htmlFor={field('threat')}>{t('escalation.threatSummary')}</label>
                <textarea id={field('threat')} rows={3} {...text('threatSummary')} aria-invalid={invalid('threat')} data-testid="escalation-threat" />
                <span />
                <label className="checkbox">
                  <input
                    type="checkbox"
                    id={field('imminent')}
                    checked={fields.imminent}
                    onChange={(e) => update({ imminent: e.target.checked })}
                    data-testid="escalation-imminent"
                  />{' '}
                  {t('escalation.imminent')}
                </label>
              </>
            )}
            <label htmlFor={field('info')}>{t('escalation.additionalInfo')}</label>
            <textarea id={field('info')} rows={4} {...text('additionalInfo')} aria-invalid={invalid('info')} data-testid="escalation-info" />
          </div>

          {fields.relatedAccounts.length > 0 && (
            <fieldset className="panel related-accounts" data-testid="escalation-related">
              <legend>{t('escalation.related')}</legend>
              <p className="hint">{t('escalation.related.hint')}</p>
              {fields.relatedAccounts.map((account, index) => (
                <div className="form-grid" key={index} data-testid="related-account" data-handle={account.screenName}>
                  <label htmlFor={field(`related-${index}-id`)}>{t('escalation.related.espIdentifier', { handle: account.screenName })}</label>
                  <input
                    id={field(`related-${index}-id`)}
                    value={account.espIdentifier}
                    onChange={(e) => updateRelated(index, { espIdentifier: e.target.value })}
                    onBlur={saveQuietly}
                    aria-invalid={invalid(`related-${index}-id`)}
                    autoComplete="off"
                    data-testid="related-account-id"
                  />
                  <label htmlFor={field(`related-${index}-relationship`)}>
                    {t('escalation.related.relationship', { handle: account.screenName })}
                  </label>
                  <input
                    id={field(`related-${index}-relationship`)}
                    value={account.relationship}
                    onChange={(e) => updateRelated(index, { relationship: e.target.value })}
                    onBlur={saveQuietly}
                    aria-invalid={invalid(`related-${index}-relationship`)}
                    data-testid="related-account-relationship"
                  />
                </div>
              ))}
            </fieldset>
          )}

          <section className="panel" aria-labelledby={field('reported')}>
            <h3 id={field('reported')}>{t('escalation.reported')}</h3>
            <p data-testid="escalation-reported">
              {report.personOrUserReported?.displayName} @{report.personOrUserReported?.screenName} ({report.personOrUserReported?.espIdentifier})
            </p>
          </section>

          <section className="panel" aria-labelledby={field('files')}>
            <h3 id={field('files')}>{t('escalation.files')}</h3>
            <p className="hint" id={field('viewed-why')}>
              {t('escalation.fileViewedWhy')}
            </p>
            {(report.files ?? []).length === 0 && <p>{t('item.noMedia')}</p>}
            <ul className="plain-list">
              {(report.files ?? []).map((file) => (
                <li key={file.sha256} className="report-file" data-testid="escalation-file">
                  <code>{file.sha256?.slice(0, 16)}…</code>{' '}
                  <span>
                    {file.bankMatch
                      ? t('escalation.bankMatch', {
                          bank: file.bankMatch.bank ?? '',
                          category: file.bankMatch.category ?? '',
                          distance: file.bankMatch.distance ?? 0,
                        })
                      : t('escalation.noBankMatch')}
                  </span>
                  {file.vpdq && <span data-testid="file-vpdq">{t('escalation.vpdqIncluded')}</span>}
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

          {problems.length > 0 && (
            <section className="problems" aria-labelledby={field('problems')} data-testid="escalation-problems">
              <h3 id={field('problems')}>{t('escalation.problems')}</h3>
              <ul>
                {problems.map((p) => (
                  <li key={p.path} data-testid="escalation-problem">
                    {t('escalation.problem', {
                      field: t(p.label.key, p.label.vars),
                      message: problemIsMissing(p.message) ? t('escalation.missing') : p.message,
                    })}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </Dialog>
  );
}
