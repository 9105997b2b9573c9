import { useId, useState } from 'react';
import type { ApiError, ExportBundle, ExportFile } from '../../electron/api';
import { asApiError } from '../api/asApiError';
import { ErrorNotice } from '../components/ErrorNotice';
import { useLocale } from '../i18n/context';
import { useStores } from '../state/stores';
import { downloadFile } from './download';
import type { LogView } from './LogSection';

/** CSV of the log view as filtered now, the PDF report, and the signed bundle, saved here and downloaded. */
export function ExportsSection({ view }: { view: LogView }) {
  const { t } = useLocale();
  const { api } = useStores();
  const id = useId();
  const [saved, setSaved] = useState<Array<ExportFile> | null>(null);
  const [bundle, setBundle] = useState<ExportBundle | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
      setError(null);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };
  const single = (file: ExportFile) => {
    downloadFile(file);
    setSaved([file]);
    setBundle(null);
  };
  const filters = Object.keys(view.filter).length;

  return (
    <section className="audit-section" aria-labelledby={`${id}-h`} data-testid="audit-exports">
      <h3 id={`${id}-h`}>{t('audit.exports.heading')}</h3>
      <div className="decision-buttons">
        <button
          type="button"
          onClick={() => void run(async () => single(await api.call('audit.exportCsv', view)))}
          disabled={busy}
          data-testid="export-csv"
        >
          {t('audit.exports.csv', { filters })}
        </button>
        <button
          type="button"
          onClick={() => void run(async () => single(await api.call('audit.exportPdf', { filter: {} })))}
          disabled={busy}
          data-testid="export-pdf"
        >
          {t('audit.exports.pdf')}
        </button>
        <button
          type="button"
          onClick={() =>
            void run(async () => {
              const made = await api.call('audit.exportBundle', { filter: {} });
              setBundle(made);
              setSaved(made.files);
            })
          }
          disabled={busy}
          data-testid="export-bundle"
        >
          {t('audit.exports.bundle')}
        </button>
      </div>
      {error && <ErrorNotice error={error} />}
      {bundle && (
        <div className="panel" role="status" data-testid="bundle-result">
          <p>{t('audit.exports.bundleSaved', { directory: bundle.directory })}</p>
          <p>
            {t('audit.exports.verifyWith')} <code>{bundle.verifyCommand}</code>
          </p>
        </div>
      )}
      {saved && (
        <ul className="plain-list" data-testid="export-files">
          {saved.map((f) => (
            <li key={f.savedTo}>
              <button type="button" className="button-quiet" onClick={() => downloadFile(f)} disabled={f.base64 === null}>
                {f.fileName}
              </button>{' '}
              <span className="hint">{t('audit.exports.savedTo', { path: f.savedTo, bytes: f.bytes })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
