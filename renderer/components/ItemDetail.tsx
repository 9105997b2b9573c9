import type { ItemView } from '../../electron/api';
import { languageName } from '../format/time';
import { useLocale } from '../i18n/context';
import { fieldId, groomingMessageIds, marksForField } from '../signals/marks';
import { FlaggedText } from './FlaggedText';
import { MediaPreview } from './MediaPreview';

/**
 * The item under review. Its text is marked with the content's own language (lang=), which is
 * shown separately from the UI language, so screen readers and fonts treat it right.
 * data-next-ready says the next item is read ahead, so deciding this one paints it at once.
 */
export function ItemDetail({ view, position, total, nextReady }: { view: ItemView; position: number; total: number; nextReady: boolean }) {
  const { t, locale } = useLocale();
  const { item, signals } = view;
  const evidence = groomingMessageIds(signals);
  return (
    <article
      className="item-detail"
      aria-labelledby="item-heading"
      data-testid="item-detail"
      data-item-id={item.id}
      data-status={view.status}
      data-next-ready={nextReady}
    >
      <header className="item-header">
        <h2 id="item-heading">{t('item.heading', { position, total })}</h2>
        <ul className="tags">
          <li className="tag" data-testid="item-kind">
            {t(`item.kind.${item.kind}`)}
          </li>
          <li className="tag" data-testid="item-locale" data-locale={item.locale}>
            {t('item.contentLanguage', { language: languageName(item.locale, locale) })}
          </li>
          <li className="tag">{t(`item.source.${item.source}`)}</li>
        </ul>
        <p className="report-reason" data-testid="report-reason">
          {item.reportReason === null ? t('item.noReportReason') : t('item.reportReason', { reason: item.reportReason })}
        </p>
      </header>

      <section aria-label={t('item.media')}>
        <MediaPreview key={item.id} itemId={item.id} media={item.media} signals={signals.media} wellness={view.wellness} />
      </section>

      <section className="panel" aria-labelledby="caption-heading">
        <h3 id="caption-heading">{t('item.caption')}</h3>
        {item.caption === null ? (
          <p className="muted">{t('item.noCaption')}</p>
        ) : (
          <FlaggedText text={item.caption} marks={marksForField(signals, fieldId.caption)} lang={item.locale} testId="item-caption" />
        )}
      </section>

      {item.comments.length > 0 && (
        <section className="panel" aria-labelledby="comments-heading">
          <h3 id="comments-heading">{t('item.comments')}</h3>
          <ul className="messages">
            {item.comments.map((comment) => (
              <li key={comment.id}>
                <span className="message-author">@{comment.authorHandle}</span>
                <FlaggedText text={comment.text} marks={marksForField(signals, fieldId.comment(comment.id))} lang={item.locale} />
              </li>
            ))}
          </ul>
        </section>
      )}

      {item.thread.length > 0 && (
        <section className="panel" aria-labelledby="thread-heading">
          <h3 id="thread-heading">{t('item.thread')}</h3>
          <ol className="messages">
            {item.thread.map((message) => (
              <li
                key={message.id}
                className={evidence.has(message.id) ? 'message grooming-evidence' : 'message'}
                data-testid="thread-message"
                data-message-id={message.id}
                data-grooming-evidence={String(evidence.has(message.id))}
              >
                <span className="message-author">
                  {t('item.threadLine', { from: `@${message.fromHandle}`, to: `@${message.toHandle}` })}
                  {evidence.has(message.id) && <strong className="tag tag-alert">{t('item.groomingEvidence')}</strong>}
                </span>
                <FlaggedText text={message.text} marks={marksForField(signals, fieldId.thread(message.id))} lang={item.locale} />
              </li>
            ))}
          </ol>
        </section>
      )}
    </article>
  );
}
