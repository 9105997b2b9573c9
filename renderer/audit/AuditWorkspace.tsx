import { useEffect, useState, type KeyboardEvent } from 'react';
import { DEFAULT_AUDIT_SORT } from '../../electron/api';
import { EscalationList } from '../components/EscalationList';
import { ErrorNotice } from '../components/ErrorNotice';
import { useLocale } from '../i18n/context';
import { AgreementSection } from './AgreementSection';
import { AppealsSection } from './AppealsSection';
import { ChainSection } from './ChainSection';
import { isTyping } from './download';
import { DownloadSection } from './DownloadSection';
import { ExportsSection } from './ExportsSection';
import { LogSection, type LogView } from './LogSection';
import { QaSection } from './QaSection';
import { useAuditStatus } from './useAuditStatus';
import { TeamExposure } from '../wellness/TeamExposure';

const SECTIONS = ['download', 'log', 'qa', 'agreement', 'appeals', 'chain', 'exports', 'escalations', 'wellness'] as const;
export type Section = (typeof SECTIONS)[number];

/**
 * The supervisor's workspace: a tab per section, reachable by the digit keys 1–9 (and the arrow
 * keys in the tab list). Everything but Download and the team's exposure (read from the upstream,
 * aggregates only) works from what is stored, with no network.
 */
export function AuditWorkspace({ autoDownload = true }: { autoDownload?: boolean }) {
  const { t } = useLocale();
  const { status, error, reload } = useAuditStatus();
  const [section, setSection] = useState<Section>('log');
  const [view, setView] = useState<LogView>({ filter: {}, sort: DEFAULT_AUDIT_SORT });

  const go = (next: Section) => {
    setSection(next);
    document.getElementById(`audit-tab-${next}`)?.focus();
  };
  // On the window, so the keys work wherever focus is; dialogs keep their keys to themselves.
  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      const digit = Number(event.key);
      if (Number.isInteger(digit) && digit >= 1 && digit <= SECTIONS.length) {
        event.preventDefault();
        setSection(SECTIONS[digit - 1]!);
        document.getElementById(`audit-tab-${SECTIONS[digit - 1]!}`)?.focus();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
  const onTabKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = SECTIONS.indexOf(section);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    go(SECTIONS[(at + step + SECTIONS.length) % SECTIONS.length]!);
  };

  return (
    <div className="audit-workspace" data-testid="audit-workspace">
      <div className="audit-tabs" role="tablist" aria-label={t('audit.sections')} onKeyDown={onTabKey}>
        {SECTIONS.map((s, i) => (
          <button
            key={s}
            id={`audit-tab-${s}`}
            type="button"
            role="tab"
            aria-selected={section === s}
            aria-controls={`audit-panel-${s}`}
            tabIndex={section === s ? 0 : -1}
            onClick={() => setSection(s)}
            data-testid={`tab-${s}`}
          >
            <kbd aria-hidden="true">{i + 1}</kbd> {t(`audit.section.${s}`)}
          </button>
        ))}
      </div>
      {error && <ErrorNotice error={error} />}
      <div className="audit-panel" role="tabpanel" id={`audit-panel-${section}`} aria-labelledby={`audit-tab-${section}`}>
        {/* Download stays mounted so a running download keeps its progress while other sections are open. */}
        <div hidden={section !== 'download'}>
          <DownloadSection status={status} onDownloaded={() => void reload()} autoStart={autoDownload} />
        </div>
        {section === 'log' && <LogSection status={status} view={view} onView={setView} />}
        {section === 'qa' && <QaSection status={status} />}
        {section === 'agreement' && <AgreementSection status={status} />}
        {section === 'appeals' && <AppealsSection />}
        {section === 'chain' && <ChainSection />}
        {section === 'exports' && <ExportsSection view={view} />}
        {section === 'escalations' && <EscalationList />}
        {section === 'wellness' && <TeamExposure />}
      </div>
    </div>
  );
}
