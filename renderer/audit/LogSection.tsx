import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import {
  AUDIT_OUTCOMES,
  AUDIT_QUEUES,
  CLASSIFIER_BANDS,
  DECISION_ACTIONS,
  GROOMING_LEVELS,
  type ApiError,
  type AuditFilter,
  type AuditRow,
  type AuditSort,
  type AuditStatus,
} from '../../electron/api';
import { asApiError } from '../api/asApiError';
import { ErrorNotice } from '../components/ErrorNotice';
import { formatMoment } from '../format/time';
import { useLocale } from '../i18n/context';
import { useStores } from '../state/stores';
import { dayStart, isTyping } from './download';
import { LogDetail } from './LogDetail';

const PAGE = 100;
const ROW_HEIGHT = 34;
/** Load the next page when the visible rows come this close to the end of what is loaded. */
const PREFETCH_ROWS = 30;

export interface LogView {
  filter: AuditFilter;
  sort: AuditSort;
}

type SelectKey = 'moderatorId' | 'queue' | 'category' | 'reasonCode' | 'action' | 'outcome' | 'bankCategory' | 'classifierBand' | 'groomingLevel';

function useDebounced<T>(value: T, ms: number): T {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setCurrent(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return current;
}

/** The filter with `key` set to `value`, or without it when the value is undefined (any). */
function without(filter: AuditFilter, key: keyof AuditFilter, value: string | undefined): AuditFilter {
  const next: Record<string, string> = { ...filter };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

const seconds = (ms: number | null) => (ms === null ? '–' : `${(ms / 1000).toFixed(1)} s`);

/**
 * The stored team log: a filter for every filter the contract offers, full-text search over notes,
 * sortable time columns and a virtualised table that asks for the next keyset page as it scrolls.
 */
export function LogSection({ status, view, onView }: { status: AuditStatus | null; view: LogView; onView: (view: LogView) => void }) {
  const { t, locale } = useLocale();
  const { api } = useStores();
  const id = useId();
  const [text, setText] = useState(view.filter.text ?? '');
  const searched = useDebounced(text, 250);
  const [rows, setRows] = useState<AuditRow[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [selected, setSelected] = useState(0);
  const [detailOpen, setDetailOpen] = useState(false);
  const scroller = useRef<HTMLDivElement | null>(null);
  const searchBox = useRef<HTMLInputElement | null>(null);
  const generation = useRef(0);

  useEffect(() => {
    const trimmed = searched.trim();
    if ((view.filter.text ?? '') !== trimmed) {
      onView({ ...view, filter: without(view.filter, 'text', trimmed === '' ? undefined : trimmed) });
    }
  }, [searched, view, onView]);

  const load = useCallback(
    async (after: string | null) => {
      const mine = after === null ? ++generation.current : generation.current;
      setLoading(true);
      try {
        const page = await api.call('audit.log', { filter: view.filter, sort: view.sort, limit: PAGE, ...(after === null ? {} : { cursor: after }) });
        if (mine !== generation.current) return;
        setRows((previous) => (after === null ? page.rows : [...previous, ...page.rows]));
        setCursor(page.nextCursor);
        setTotal(page.total);
        setError(null);
      } catch (caught) {
        if (mine === generation.current) setError(asApiError(caught));
      } finally {
        if (mine === generation.current) setLoading(false);
      }
    },
    [api, view],
  );

  // From the first page again whenever the query or the stored log changes (known once the status has loaded).
  const stored = status?.decisions ?? null;
  useEffect(() => {
    if (stored === null) return;
    setRows([]);
    setSelected(0);
    setCursor(null);
    void load(null);
  }, [load, stored]);

  // initialRect: a first page of rows renders before the scroller has been measured.
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual's handle changes every render by design; nothing here memoises it
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 1200, height: 600 },
  });
  const items = virtualizer.getVirtualItems();
  const lastVisible = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (!loading && cursor !== null && lastVisible >= rows.length - PREFETCH_ROWS) void load(cursor);
  }, [lastVisible, rows.length, cursor, loading, load]);

  const setFilter = (key: SelectKey | 'from' | 'to', value: string) => {
    onView({
      ...view,
      filter: without(view.filter, key, value === '' ? undefined : key === 'from' ? dayStart(value) : key === 'to' ? dayStart(value, 1) : value),
    });
  };
  const sortBy = (by: AuditSort['by']) =>
    onView({ ...view, sort: { by, direction: view.sort.by === by && view.sort.direction === 'desc' ? 'asc' : 'desc' } });
  const ariaSort = (by: AuditSort['by']) => (view.sort.by === by ? (view.sort.direction === 'asc' ? 'ascending' : 'descending') : 'none');

  const move = (to: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, to));
    setSelected(next);
    virtualizer.scrollToIndex(next);
  };
  const onTableKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(selected + 1),
      j: () => move(selected + 1),
      ArrowUp: () => move(selected - 1),
      k: () => move(selected - 1),
      PageDown: () => move(selected + 15),
      PageUp: () => move(selected - 15),
      Home: () => move(0),
      End: () => move(rows.length - 1),
      Enter: () => setDetailOpen(true),
    };
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };
  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.key !== '/' || event.defaultPrevented || isTyping(event.target)) return;
      event.preventDefault();
      searchBox.current?.focus();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const options = (key: SelectKey, values: readonly string[], label: (v: string) => string) => (
    <label className="audit-filter">
      {t(`audit.log.filter.${key}`)}
      <select value={view.filter[key] ?? ''} onChange={(e) => setFilter(key, e.target.value)} data-testid={`filter-${key}`}>
        <option value="">{t('audit.log.any')}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {label(v)}
          </option>
        ))}
      </select>
    </label>
  );
  const members = status?.team?.members ?? [];
  const selectedRow = rows[selected] ?? null;

  return (
    <section className="audit-section audit-log" aria-labelledby={`${id}-h`} data-testid="audit-log">
      <h3 id={`${id}-h`}>{t('audit.log.heading')}</h3>
      <div className="audit-filters" role="group" aria-label={t('audit.log.filters')}>
        <label className="audit-filter audit-search">
          {t('audit.log.search')}
          <input
            ref={searchBox}
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('audit.log.searchHint')}
            data-testid="filter-text"
          />
        </label>
        {options(
          'moderatorId',
          members.filter((m) => m.role !== 'wellness_lead').map((m) => m.id),
          (v) => members.find((m) => m.id === v)?.displayName ?? v,
        )}
        {options('queue', AUDIT_QUEUES, (v) => t(`audit.queue.${v as (typeof AUDIT_QUEUES)[number]}`))}
        {options('category', status?.filterValues.categories ?? [], (v) => v)}
        {options('reasonCode', status?.filterValues.reasonCodes ?? [], (v) => v)}
        {options('action', DECISION_ACTIONS, (v) => t(`audit.action.${v as (typeof DECISION_ACTIONS)[number]}`))}
        {options('outcome', AUDIT_OUTCOMES, (v) => t(`audit.outcome.${v as (typeof AUDIT_OUTCOMES)[number]}`))}
        {options('bankCategory', ['any', 'none', ...(status?.filterValues.bankCategories ?? [])], (v) =>
          v === 'any' ? t('audit.log.bankAny') : v === 'none' ? t('audit.log.bankNone') : v,
        )}
        {options('classifierBand', CLASSIFIER_BANDS, (v) => t(`audit.level.${v as (typeof CLASSIFIER_BANDS)[number]}`))}
        {options('groomingLevel', GROOMING_LEVELS, (v) => t(`audit.level.${v as (typeof GROOMING_LEVELS)[number]}`))}
        <label className="audit-filter">
          {t('audit.log.filter.from')}
          <input
            type="date"
            value={view.filter.from?.slice(0, 10) ?? ''}
            onChange={(e) => setFilter('from', e.target.value)}
            data-testid="filter-from"
          />
        </label>
        <label className="audit-filter">
          {t('audit.log.filter.to')}
          <input
            type="date"
            value={view.filter.to ? new Date(Date.parse(view.filter.to) - 1).toISOString().slice(0, 10) : ''}
            onChange={(e) => setFilter('to', e.target.value)}
            data-testid="filter-to"
          />
        </label>
      </div>
      <p className="hint" role="status" data-testid="log-total">
        {total === null ? t('audit.log.loading') : t('audit.log.total', { total, loaded: rows.length })} {t('audit.log.keys')}
      </p>
      {error && <ErrorNotice error={error} />}
      <div className="audit-log-body">
        <div
          className="audit-table"
          role="table"
          aria-label={t('audit.log.table')}
          aria-rowcount={(total ?? rows.length) + 1}
          data-testid="log-table"
        >
          <div role="rowgroup" className="audit-table-head">
            <div role="row" className="audit-row" aria-rowindex={1}>
              <div role="columnheader" aria-sort={ariaSort('decidedAt')}>
                <button type="button" className="button-quiet" onClick={() => sortBy('decidedAt')} data-testid="sort-decidedAt">
                  {t('audit.log.col.time')} {view.sort.by === 'decidedAt' ? (view.sort.direction === 'asc' ? '▲' : '▼') : ''}
                </button>
              </div>
              <div role="columnheader">{t('audit.log.col.moderator')}</div>
              <div role="columnheader">{t('audit.log.col.action')}</div>
              <div role="columnheader">{t('audit.log.col.reason')}</div>
              <div role="columnheader">{t('audit.log.col.queue')}</div>
              <div role="columnheader">{t('audit.log.col.outcome')}</div>
              <div role="columnheader">{t('audit.log.col.signals')}</div>
              <div role="columnheader" aria-sort={ariaSort('handlingMs')}>
                <button type="button" className="button-quiet" onClick={() => sortBy('handlingMs')} data-testid="sort-handlingMs">
                  {t('audit.log.col.handling')} {view.sort.by === 'handlingMs' ? (view.sort.direction === 'asc' ? '▲' : '▼') : ''}
                </button>
              </div>
              <div role="columnheader">{t('audit.log.col.note')}</div>
            </div>
          </div>
          <div
            ref={scroller}
            role="rowgroup"
            className="audit-table-scroll"
            tabIndex={0}
            aria-label={t('audit.log.rows')}
            onKeyDown={onTableKey}
            data-testid="log-scroller"
          >
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((v) => {
                const r = rows[v.index]!;
                return (
                  <div
                    key={r.id}
                    role="row"
                    aria-rowindex={v.index + 2}
                    aria-selected={v.index === selected}
                    className={`audit-row${v.index === selected ? ' audit-row-selected' : ''}`}
                    style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}
                    onClick={() => {
                      setSelected(v.index);
                      setDetailOpen(true);
                    }}
                    data-testid="log-row"
                    data-decision-id={r.id}
                  >
                    <div role="cell">{formatMoment(r.decidedAt, locale)}</div>
                    <div role="cell">{r.moderatorName}</div>
                    <div role="cell">{t(`audit.action.${r.action}`)}</div>
                    <div role="cell">{r.reasonCode ?? '–'}</div>
                    <div role="cell">{t(`audit.queue.${r.queue}`)}</div>
                    <div role="cell">
                      <span className={`badge badge-outcome-${r.outcome}`}>{t(`audit.outcome.${r.outcome}`)}</span>
                    </div>
                    <div role="cell">
                      {[
                        r.bankCategory,
                        r.classifierBand && r.classifierBand !== 'none' ? `${t('audit.signal.band')} ${t(`audit.level.${r.classifierBand}`)}` : null,
                        r.groomingLevel && r.groomingLevel !== 'none' ? `${t('audit.signal.grooming')} ${t(`audit.level.${r.groomingLevel}`)}` : null,
                      ]
                        .filter(Boolean)
                        .join(', ') || '–'}
                    </div>
                    <div role="cell">{seconds(r.handlingMs)}</div>
                    <div role="cell" className="audit-note-cell" title={r.note ?? undefined}>
                      {r.note ?? ''}
                    </div>
                  </div>
                );
              })}
            </div>
            {!loading && rows.length === 0 && <p className="audit-empty">{t('audit.log.empty')}</p>}
          </div>
        </div>
        {detailOpen && selectedRow && <LogDetail decisionId={selectedRow.id} onClose={() => setDetailOpen(false)} />}
        {/* The selected row, read out as the arrow keys move it. */}
        <p className="visually-hidden" aria-live="polite">
          {selectedRow &&
            t('audit.log.selected', {
              position: selected + 1,
              moderator: selectedRow.moderatorName,
              action: t(`audit.action.${selectedRow.action}`),
              reason: selectedRow.reasonCode ?? '',
            })}
        </p>
      </div>
    </section>
  );
}
