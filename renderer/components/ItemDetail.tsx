import type { ItemView } from '../../electron/api';
import { languageName } from '../format/time';
import { useLocale } from '../i18n/context';
import { MediaPreview } from './MediaPreview';

/**
 * The item under review. Its text is marked with the content's own language (lang=), which is
 * shown separately from the UI language, so screen readers and fonts treat it right.
 */
export function ItemDetail({ view, position, total }: { view: ItemView; position: number; total: number }) {
  const { t, locale } = useLocale();
  const { item } = view;
  return (
    <article className="item-detail" aria-labelledby="item-heading" data-testid="item-detail" data-item-id={item.id}>
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
        <MediaPreview key={item.id} itemId={item.id} media={item.media} />
      </section>

      <section className="panel" aria-labelledby="caption-heading">
        <h3 id="caption-heading">{t('item.caption')}</h3>
        {item.caption === null ? (
          <p className="muted">{t('item.noCaption')}</p>
        ) : (
          <p lang={item.locale} className="content-text" data-testid="item-caption">
            {item.caption}
          </p>
        )}
      </section>

      {item.comments.length > 0 && (
        <section className="panel" aria-labelledby="comments-heading">
          <h3 id="comments-heading">{t('item.comments')}</h3>
          <ul className="messages">
            {item.comments.map((comment) => (
              <li key={comment.id}>
                <span className="message-author">@{comment.authorHandle}</span>
                <p lang={item.locale} className="content-text">
                  {comment.text}
                </p>
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
              <li key={message.id}>
                <span className="message-author">
                  {t('item.threadLine', { from: `@${message.fromHandle}`, to: `@${message.toHandle}` })}
                </span>
                <p lang={item.locale} className="content-text">
                  {message.text}
                </p>
              </li>
            ))}
          </ol>
        </section>
      )}
    </article>
  );
}
