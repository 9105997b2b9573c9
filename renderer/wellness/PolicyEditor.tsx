import { createContext, useCallback, useContext, useEffect, useId, useState, type ReactNode } from 'react';
import { BLUR_TIERS, SEVERITIES, type ApiError, type PolicyPreview, type WellnessLimits, type WellnessPolicyContent } from '../../electron/api';
import { asApiError } from '../api/asApiError';
import { ErrorNotice } from '../components/ErrorNotice';
import type { MessageKey } from '../i18n';
import { useLocale } from '../i18n/context';
import { useSession, useStores } from '../state/stores';

type Path = ReadonlyArray<string | number>;
/** What the lead is typing: the policy's shape, any field possibly empty. */
type Draft = Record<string, unknown>;

const keyOf = (path: Path) => path.join('.');
/** The id of a field's input, from its path in the policy (what core names in a 400). */
export const fieldId = (path: Path | string) => `policy-${(typeof path === 'string' ? path : keyOf(path)).replace(/[^A-Za-z0-9]+/g, '-')}`;

function getAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), value);
}

function setAt(value: unknown, path: Path, next: unknown): unknown {
  if (path.length === 0) return next;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return (value as unknown[]).map((v, i) => (i === head ? setAt(v, rest, next) : v));
  const record = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  return { ...record, [head!]: setAt(record[head!], rest, next) };
}

/** A field's value as its input shows it: empty when missing (or not text, which no field's value is). */
function textAt(draft: Draft, path: Path): string {
  const value = getAt(draft, path);
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

interface EditorState {
  draft: Draft;
  errors: ReadonlyMap<string, string>;
  change: (path: Path, value: unknown) => void;
}

const EditorContext = createContext<EditorState | null>(null);

function useEditor(): EditorState {
  const editor = useContext(EditorContext);
  if (editor === null) throw new Error('Policy fields need the PolicyEditor around them.');
  return editor;
}

function FieldError({ path }: { path: Path }) {
  const message = useEditor().errors.get(keyOf(path));
  if (message === undefined) return null;
  return (
    <span className="field-error" id={`${fieldId(path)}-error`} role="alert" data-testid="field-error" data-field={keyOf(path)}>
      {message}
    </span>
  );
}

function described(errors: ReadonlyMap<string, string>, path: Path) {
  const invalid = errors.has(keyOf(path));
  return { 'aria-invalid': invalid || undefined, 'aria-describedby': invalid ? `${fieldId(path)}-error` : undefined };
}

/** A number, or empty: an empty field is sent as missing, and core's 400 names it. */
function NumberField({ path, label, step = 1, hideLabel = false }: { path: Path; label: string; step?: number; hideLabel?: boolean }) {
  const { draft, errors, change } = useEditor();
  const value = getAt(draft, path);
  return (
    <span className="policy-field">
      <label htmlFor={fieldId(path)} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <input
        id={fieldId(path)}
        type="number"
        step={step}
        value={typeof value === 'number' ? value : ''}
        onChange={(e) => change(path, e.target.value === '' ? undefined : Number(e.target.value))}
        data-field={keyOf(path)}
        {...described(errors, path)}
      />
      <FieldError path={path} />
    </span>
  );
}

function SelectField({
  path,
  label,
  options,
  hideLabel = false,
}: {
  path: Path;
  label: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  hideLabel?: boolean;
}) {
  const { draft, errors, change } = useEditor();
  return (
    <span className="policy-field">
      <label htmlFor={fieldId(path)} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <select
        id={fieldId(path)}
        value={textAt(draft, path)}
        onChange={(e) => change(path, e.target.value)}
        data-field={keyOf(path)}
        {...described(errors, path)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError path={path} />
    </span>
  );
}

function TextField({ path, label, hideLabel = false }: { path: Path; label: string; hideLabel?: boolean }) {
  const { draft, errors, change } = useEditor();
  return (
    <span className="policy-field">
      <label htmlFor={fieldId(path)} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <input
        id={fieldId(path)}
        type="text"
        value={textAt(draft, path)}
        onChange={(e) => change(path, e.target.value)}
        data-field={keyOf(path)}
        {...described(errors, path)}
      />
      <FieldError path={path} />
    </span>
  );
}

function CheckField({ path, label }: { path: Path; label: string }) {
  const { draft, errors, change } = useEditor();
  return (
    <span className="policy-field">
      <input
        id={fieldId(path)}
        type="checkbox"
        checked={getAt(draft, path) === true}
        onChange={(e) => change(path, e.target.checked)}
        data-field={keyOf(path)}
        {...described(errors, path)}
      />
      <label htmlFor={fieldId(path)} className="visually-hidden">
        {label}
      </label>
      <FieldError path={path} />
    </span>
  );
}

/** A group whose own checks (weights that must not fall) are reported on the group. */
function Group({ path, legend, children }: { path: Path; legend: string; children: ReactNode }) {
  return (
    <fieldset className="policy-group" id={fieldId(path)}>
      <legend>{legend}</legend>
      <FieldError path={path} />
      {children}
    </fieldset>
  );
}

function CategoriesSection({ categories }: { categories: ReadonlyArray<{ id: string }> }) {
  const { t } = useLocale();
  const severities = SEVERITIES.map((s) => ({ value: s, label: t(`policy.severity.${s}`) }));
  return (
    <table className="data-table form-table">
      <caption>{t('policy.categories.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('policy.categories.id')}</th>
          <th scope="col">{t('policy.categories.label')}</th>
          <th scope="col">{t('policy.categories.severity')}</th>
        </tr>
      </thead>
      <tbody>
        {categories.map((c, i) => (
          <tr key={c.id}>
            <th scope="row">
              <code>{c.id}</code>
            </th>
            <td>
              <TextField path={['categories', i, 'label']} label={t('policy.categories.labelFor', { id: c.id })} hideLabel />
            </td>
            <td>
              <SelectField
                path={['categories', i, 'severity']}
                label={t('policy.categories.severityFor', { id: c.id })}
                options={severities}
                hideLabel
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SignalsSection({ categoryOptions }: { categoryOptions: ReadonlyArray<{ value: string; label: string }> }) {
  const { t } = useLocale();
  const { draft } = useEditor();
  const labels = (getAt(draft, ['signals', 'classifierLabels']) as Array<{ label: string }> | undefined) ?? [];
  const redFlags = Object.keys((getAt(draft, ['signals', 'redFlagCategories']) as Record<string, string> | undefined) ?? {});
  return (
    <>
      <Group path={['signals', 'bankCategories']} legend={t('policy.signals.banks')}>
        {(['child_safety', 'terrorism', 'previously_actioned'] as const).map((bank) => (
          <SelectField key={bank} path={['signals', 'bankCategories', bank]} label={t('policy.signals.bank', { bank })} options={categoryOptions} />
        ))}
      </Group>
      <Group path={['signals', 'classifierLabels']} legend={t('policy.signals.classifier')}>
        <table className="data-table form-table">
          <thead>
            <tr>
              <th scope="col">{t('policy.signals.col.label')}</th>
              <th scope="col">{t('policy.signals.col.threshold')}</th>
              <th scope="col">{t('policy.categories.id')}</th>
            </tr>
          </thead>
          <tbody>
            {labels.map((l, i) => (
              <tr key={l.label}>
                <th scope="row">{l.label}</th>
                <td>
                  <NumberField
                    path={['signals', 'classifierLabels', i, 'threshold']}
                    label={t('policy.signals.threshold', { label: l.label })}
                    step={0.05}
                    hideLabel
                  />
                </td>
                <td>
                  <SelectField
                    path={['signals', 'classifierLabels', i, 'category']}
                    label={t('policy.signals.labelCategory', { label: l.label })}
                    options={categoryOptions}
                    hideLabel
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Group>
      <Group path={['signals', 'redFlagCategories']} legend={t('policy.signals.redFlags')}>
        {redFlags.map((lexicon) => (
          <SelectField
            key={lexicon}
            path={['signals', 'redFlagCategories', lexicon]}
            label={t('policy.signals.redFlag', { lexicon })}
            options={categoryOptions}
          />
        ))}
        <SelectField path={['signals', 'otherRedFlag']} label={t('policy.signals.otherRedFlag')} options={categoryOptions} />
      </Group>
      <Group path={['signals', 'grooming']} legend={t('policy.signals.grooming')}>
        <SelectField
          path={['signals', 'grooming', 'minLevel']}
          label={t('policy.signals.groomingLevel')}
          options={(['low', 'medium', 'high'] as const).map((l) => ({ value: l, label: t(`policy.grooming.${l}`) }))}
        />
        <SelectField path={['signals', 'grooming', 'category']} label={t('policy.signals.groomingCategory')} options={categoryOptions} />
      </Group>
      <div className="policy-grid">
        <SelectField path={['signals', 'unflaggedImage']} label={t('policy.signals.unflagged')} options={categoryOptions} />
        <SelectField path={['signals', 'textOnly']} label={t('policy.signals.textOnly')} options={categoryOptions} />
      </div>
    </>
  );
}

function WeightsSection() {
  const { t } = useLocale();
  return (
    <>
      <Group path={['severityWeights']} legend={t('policy.weights.severity')}>
        {SEVERITIES.map((s) => (
          <NumberField key={s} path={['severityWeights', s]} label={s} step={0.5} />
        ))}
      </Group>
      <Group path={['clarityWeights']} legend={t('policy.weights.clarity')}>
        <p className="hint">{t('policy.weights.clarityHint')}</p>
        {(['light', 'medium', 'pixelate', 'heavy'] as const).map((tier) => (
          <NumberField key={tier} path={['clarityWeights', tier]} label={t(`viewing.state.${tier}`)} step={0.01} />
        ))}
      </Group>
      <div className="policy-grid">
        <NumberField path={['colourFactor']} label={t('policy.weights.colour')} step={0.05} />
      </div>
    </>
  );
}

function ViewingSection() {
  const { t } = useLocale();
  const tiers = BLUR_TIERS.map((tier) => ({ value: tier, label: t(`viewing.state.${tier}`) }));
  const grayscale = (['locked', 'default_on', 'default_off'] as const).map((g) => ({ value: g, label: t(`policy.grayscale.${g}`) }));
  const rows: Array<{ key: string; label: MessageKey; render: (path: Path, label: string) => ReactNode }> = [
    {
      key: 'defaultTier',
      label: 'policy.viewing.defaultTier',
      render: (path, label) => <SelectField path={path} label={label} options={tiers} hideLabel />,
    },
    {
      key: 'stepFloor',
      label: 'policy.viewing.stepFloor',
      render: (path, label) => <SelectField path={path} label={label} options={tiers} hideLabel />,
    },
    {
      key: 'grayscale',
      label: 'policy.viewing.grayscale',
      render: (path, label) => <SelectField path={path} label={label} options={grayscale} hideLabel />,
    },
    {
      key: 'previewSize',
      label: 'policy.viewing.previewSize',
      render: (path, label) => <NumberField path={path} label={label} step={10} hideLabel />,
    },
    { key: 'lensMaxRadius', label: 'policy.viewing.lens', render: (path, label) => <NumberField path={path} label={label} step={0.01} hideLabel /> },
    { key: 'warningScreen', label: 'policy.viewing.warning', render: (path, label) => <CheckField path={path} label={label} /> },
    { key: 'videoMuted', label: 'policy.viewing.muted', render: (path, label) => <CheckField path={path} label={label} /> },
    { key: 'videoPaused', label: 'policy.viewing.paused', render: (path, label) => <CheckField path={path} label={label} /> },
  ];
  return (
    <table className="data-table form-table">
      <caption>{t('policy.viewing.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('policy.viewing.setting')}</th>
          {SEVERITIES.map((s) => (
            <th key={s} scope="col">
              {s}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{t(row.label)}</th>
            {SEVERITIES.map((s) => (
              <td key={s}>{row.render(['viewing', s, row.key], `${t(row.label)} (${s})`)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function LimitsEditor({ path, categories }: { path: Path; categories: ReadonlyArray<{ id: string; label: string }> }) {
  const { t } = useLocale();
  const scalars: Array<[keyof WellnessLimits, MessageKey, number]> = [
    ['dailyReviewMinutes', 'policy.limits.daily', 5],
    ['breakAfterMinutes', 'policy.limits.breakAfter', 5],
    ['breakAfterHighSeverityItems', 'policy.limits.breakAfterItems', 1],
    ['breakMinutes', 'policy.limits.breakMinutes', 1],
    ['maxHighSeverityItemsPerShift', 'policy.limits.maxHighSeverity', 1],
    ['warningFraction', 'policy.limits.warning', 0.05],
  ];
  return (
    <>
      <div className="policy-grid">
        {scalars.map(([key, label, step]) => (
          <NumberField key={key} path={[...path, key]} label={t(label)} step={step} />
        ))}
      </div>
      <table className="data-table form-table" id={fieldId([...path, 'clearViewSeconds'])}>
        <caption>{t('policy.limits.clearCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('policy.categories.id')}</th>
            <th scope="col">{t('policy.limits.perHour')}</th>
            <th scope="col">{t('policy.limits.perShift')}</th>
          </tr>
        </thead>
        <tbody>
          {categories.map((c) => (
            <tr key={c.id}>
              <th scope="row">
                {c.label}
                <FieldError path={[...path, 'clearViewSeconds', c.id]} />
              </th>
              <td>
                <NumberField
                  path={[...path, 'clearViewSeconds', c.id, 'perHour']}
                  label={t('policy.limits.perHourFor', { category: c.label })}
                  step={10}
                  hideLabel
                />
              </td>
              <td>
                <NumberField
                  path={[...path, 'clearViewSeconds', c.id, 'perShift']}
                  label={t('policy.limits.perShiftFor', { category: c.label })}
                  step={10}
                  hideLabel
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function PreviewResult({ preview }: { preview: PolicyPreview }) {
  const { t } = useLocale();
  const delta = (draft: number, current: number, key: 'breaks' | 'capped') => {
    const d = draft - current;
    if (d === 0) return t(`policy.preview.${key}.same`);
    return t(d > 0 ? `policy.preview.${key}.more` : `policy.preview.${key}.fewer`, { count: Math.abs(d) });
  };
  return (
    <section className="panel policy-preview" data-testid="policy-preview" aria-labelledby="policy-preview-heading">
      <h3 id="policy-preview-heading">{t('policy.preview.heading', { from: preview.from, to: preview.to, shifts: preview.shifts })}</h3>
      <p className="policy-preview-summary" data-testid="policy-preview-summary">
        {delta(preview.draft.breaks, preview.current.breaks, 'breaks')}, {delta(preview.draft.shiftsCapped, preview.current.shiftsCapped, 'capped')}
      </p>
      <p className="hint">
        {t('policy.preview.against', { version: preview.currentVersion, breaks: preview.current.breaks, capped: preview.current.shiftsCapped })}
      </p>
      <table className="data-table" data-testid="policy-preview-budgets">
        <caption>{t('policy.preview.budgets')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('policy.preview.budget')}</th>
            <th scope="col" className="num">
              {t('policy.preview.current', { version: preview.currentVersion })}
            </th>
            <th scope="col" className="num">
              {t('policy.preview.draft')}
            </th>
          </tr>
        </thead>
        <tbody>
          {preview.budgets.map((b) => (
            <tr key={`${b.cap}:${b.category ?? ''}`}>
              <th scope="row">{b.category === null ? t(`wellness.cap.${b.cap}`) : `${t(`wellness.cap.${b.cap}`)}: ${b.category}`}</th>
              <td className="num">{b.current}</td>
              <td className="num">{b.draft}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Core's 400 names a field of the call's input: policy.<path in the policy>. */
const policyPath = (field: string | undefined) => (field?.startsWith('policy.') ? field.slice('policy.'.length) : (field ?? ''));
const problemOf = (message: string) => message.replace(/^.*? is invalid: /, '');

/** Focus on the field core named, in the middle of the pane: not under the bar of buttons at its bottom. */
function showField(path: string): void {
  const field = document.getElementById(fieldId(path));
  field?.focus({ preventScroll: true });
  field?.scrollIntoView?.({ block: 'center' });
}

/**
 * Every field of the wellness policy, with core's refusals shown on the field they name; the draft
 * can be replayed against the team's last week before it is saved as the next version.
 */
export function PolicyEditor() {
  const { t } = useLocale();
  const { api } = useStores();
  const teamId = useSession((s) => s.account?.teamId ?? null);
  const summaryId = useId();
  const [base, setBase] = useState<{ version: number; policy: WellnessPolicyContent } | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<ReadonlyMap<string, string>>(new Map());
  const [preview, setPreview] = useState<PolicyPreview | null>(null);
  const [outcome, setOutcome] = useState<{ kind: 'saved'; version: number } | { kind: 'conflict'; version: string } | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    () =>
      api.call('wellness.policy', {}).then(
        ({ version, ...policy }) => {
          setBase({ version, policy });
          setDraft(policy);
          setErrors(new Map());
          setPreview(null);
          setFailure(null);
        },
        (caught: unknown) => setFailure(asApiError(caught)),
      ),
    [api],
  );

  // Loads once; reloading is the lead's choice (the Reload button), never a side effect.
  useEffect(() => {
    void load();
  }, [load]);

  if (draft === null || base === null) return failure ? <ErrorNotice error={failure} /> : <p className="muted">{t('policy.loading')}</p>;

  const editor: EditorState = {
    draft,
    errors,
    change(path, value) {
      setDraft((current) => setAt(current, path, value) as Draft);
      setPreview(null);
      setOutcome(null);
      setErrors((current) => {
        const next = new Map(current);
        next.delete(keyOf(path));
        return next;
      });
    },
  };

  /** Runs a call with the draft; a 400 lands on the field it names. */
  const withDraft = async <T,>(run: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setFailure(null);
    try {
      const result = await run();
      setErrors(new Map());
      return result;
    } catch (caught) {
      const error = asApiError(caught);
      if (error.code === 'bad_request') {
        setErrors(new Map([[policyPath(error.field), problemOf(error.message)]]));
        showField(policyPath(error.field));
      } else if (error.code === 'conflict') {
        setOutcome({ kind: 'conflict', version: /version (\d+)/.exec(error.message)?.[1] ?? '?' });
      } else setFailure(error);
      return null;
    } finally {
      setBusy(false);
    }
  };

  const runPreview = async () => {
    const result = await withDraft(() => api.call('wellness.previewPolicy', { policy: draft as WellnessPolicyContent }));
    if (result) setPreview(result);
  };
  const save = async () => {
    const saved = await withDraft(() => api.call('wellness.savePolicy', { baseVersion: base.version, policy: draft as WellnessPolicyContent }));
    if (!saved) return;
    const { version, ...policy } = saved;
    setBase({ version, policy });
    setOutcome({ kind: 'saved', version });
  };

  const categories = ((draft.categories as Array<{ id: string; label: string }> | undefined) ?? []).map((c) => ({
    id: c.id,
    label: c.label || c.id,
  }));
  const categoryOptions = categories.map((c) => ({ value: c.id, label: c.label }));
  const teams = Object.keys((getAt(draft, ['limits', 'teams']) as Record<string, unknown> | undefined) ?? {});
  const [firstError] = [...errors];

  return (
    <EditorContext.Provider value={editor}>
      <form className="policy-editor" data-testid="policy-editor" onSubmit={(e) => e.preventDefault()} aria-describedby={summaryId}>
        <p id={summaryId} className="hint">
          {t('policy.intro', { version: base.version })}
        </p>
        {firstError && (
          <div className="notice notice-error" role="alert" data-testid="policy-errors">
            <p className="notice-headline">{t('policy.errors.headline')}</p>
            <p>
              <button type="button" className="link-button" onClick={() => showField(firstError[0])}>
                {firstError[0]}
              </button>
              : {firstError[1]}
            </p>
          </div>
        )}
        {outcome?.kind === 'conflict' && (
          <div className="notice notice-error" role="alert" data-testid="policy-conflict">
            <p>{t('policy.conflict', { version: outcome.version })}</p>
            <button type="button" onClick={() => void load()} data-testid="policy-reload">
              {t('policy.reload')}
            </button>
          </div>
        )}
        {outcome?.kind === 'saved' && (
          <p className="notice notice-info" role="status" data-testid="policy-saved">
            {t('policy.saved', { version: outcome.version })}
          </p>
        )}
        {failure && <ErrorNotice error={failure} />}

        <h3>{t('policy.section.categories')}</h3>
        <CategoriesSection categories={categories} />
        <h3>{t('policy.section.signals')}</h3>
        <SignalsSection categoryOptions={categoryOptions} />
        <h3>{t('policy.section.weights')}</h3>
        <WeightsSection />
        <h3>{t('policy.section.viewing')}</h3>
        <ViewingSection />
        <h3>{t('policy.section.limits')}</h3>
        <LimitsEditor path={['limits', 'default']} categories={categories} />
        {teams.map((team) => (
          <section key={team} className="policy-team" aria-label={t('policy.limits.team', { team })}>
            <h4>{t('policy.limits.team', { team })}</h4>
            <button
              type="button"
              onClick={() =>
                editor.change(
                  ['limits', 'teams'],
                  Object.fromEntries(Object.entries(getAt(draft, ['limits', 'teams']) as object).filter(([k]) => k !== team)),
                )
              }
            >
              {t('policy.limits.removeTeam', { team })}
            </button>
            <LimitsEditor path={['limits', 'teams', team]} categories={categories} />
          </section>
        ))}
        {teamId !== null && !teams.includes(teamId) && (
          <button
            type="button"
            onClick={() => editor.change(['limits', 'teams', teamId], getAt(draft, ['limits', 'default']))}
            data-testid="policy-add-team"
          >
            {t('policy.limits.addTeam', { team: teamId })}
          </button>
        )}

        {preview && <PreviewResult preview={preview} />}
        <div className="policy-actions">
          <button type="button" onClick={() => void runPreview()} disabled={busy} data-testid="policy-preview-run">
            {t('policy.preview.run')}
          </button>
          <button type="button" className="button-primary" onClick={() => void save()} disabled={busy} data-testid="policy-save">
            {t('policy.save', { version: base.version + 1 })}
          </button>
          <button type="button" onClick={() => void load()} disabled={busy} data-testid="policy-reset">
            {t('policy.reset')}
          </button>
        </div>
      </form>
    </EditorContext.Provider>
  );
}
