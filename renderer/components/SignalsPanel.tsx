import type { ItemSignals, MediaSignals } from '../../electron/api';
import { numberFormat } from '../format/intl';
import { useLocale } from '../i18n/context';
import { analysisPending } from '../signals/childSafety';
import { VideoSignals } from './VideoSignals';

type Cascade = Extract<NonNullable<MediaSignals['classifier']>, { models: unknown }>;

/**
 * Each model that ran, with its own scores: the first on every image, a later one only because
 * the first was unsure. A score a later model replaced is shown muted; the others are the ones
 * the policy reads.
 */
function ClassifierCascade({ classifier }: { classifier: Cascade }) {
  const { t, locale } = useLocale();
  const percent = numberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  return (
    <>
      {classifier.models.map((model, i) => (
        <section key={model.modelId} className="classifier-model" data-testid="classifier-model" data-model={model.modelId} aria-label={model.name}>
          <p className="signal-title">{t('signals.classifier', { model: model.name })}</p>
          {i > 0 && <p className="muted">{t('signals.classifierCascade', { model: classifier.models[0]!.name })}</p>}
          {'unavailable' in model ? (
            <p className="muted">{t('signals.classifierUnavailable', { reason: model.unavailable })}</p>
          ) : (
            <ul className="plain-list scores">
              {model.scores.map((score) => {
                const replacedBy = classifier.scores.find((s) => s.label === score.label && s.modelId !== model.modelId)?.modelId;
                const flagged = replacedBy === undefined && score.flagged;
                return (
                  <li
                    key={score.label}
                    className={replacedBy ? 'score score-replaced' : flagged ? 'score score-flagged' : 'score'}
                    data-testid={replacedBy ? 'classifier-score-replaced' : 'classifier-score'}
                    data-label={score.label}
                    data-model={model.modelId}
                    data-replaced-by={replacedBy}
                    data-flagged={String(flagged)}
                  >
                    {t('signals.score', {
                      label: score.label,
                      probability: percent.format(score.probability),
                      threshold: percent.format(score.threshold),
                    })}
                    {flagged && <strong className="tag tag-alert">{t('signals.flagged')}</strong>}
                    {replacedBy && <span className="muted"> {t('signals.replaced')}</span>}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}

function MediaSignalList({ media, index }: { media: MediaSignals; index: number }) {
  const { t, locale } = useLocale();
  const percent = numberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  return (
    <li className="media-signals" data-testid="media-signals" data-status={media.status} data-sha256={media.sha256}>
      <h4>{t(media.video ? 'signals.video' : 'signals.image', { index: index + 1 })}</h4>
      {media.status === 'pending' && <p className="muted">{t('signals.pending')}</p>}
      {media.status === 'unanalysable' && <p>{t('signals.unanalysable', { message: media.reason?.message ?? '' })}</p>}
      {media.bankMatches.length > 0 ? (
        <ul className="plain-list">
          {media.bankMatches.map((match) => (
            <li key={`${match.bank}/${match.entryId}`} className="bank-match" data-testid="bank-match" data-category={match.category}>
              {match.vpdq
                ? t('signals.bankMatchVpdq', {
                    bank: match.bank,
                    category: match.category,
                    query: percent.format(match.vpdq.queryMatchPct / 100),
                    target: percent.format(match.vpdq.targetMatchPct / 100),
                  })
                : t('signals.bankMatch', { bank: match.bank, category: match.category, kind: match.kind.toUpperCase(), distance: match.distance })}
            </li>
          ))}
        </ul>
      ) : (
        media.status === 'analysed' && <p className="muted">{t('signals.noBankMatches')}</p>
      )}
      {media.pdq && (
        <p className="muted">
          {media.pdq.lowQuality ? t('signals.pdqLow', { quality: media.pdq.quality }) : t('signals.pdq', { quality: media.pdq.quality })}
        </p>
      )}
      {media.classifier &&
        ('unavailable' in media.classifier ? (
          <p className="muted">{t('signals.classifierUnavailable', { reason: media.classifier.unavailable })}</p>
        ) : (
          <>
            <ClassifierCascade classifier={media.classifier} />
            {media.video && <VideoSignals video={media.video} scores={media.classifier.scores} />}
          </>
        ))}
    </li>
  );
}

/** What the workstation found on its own: hash matches, classifier scores, text flags, grooming. */
export function SignalsPanel({ signals }: { signals: ItemSignals }) {
  const { t, locale } = useLocale();
  const decimal = numberFormat(locale, { maximumFractionDigits: 2 });
  const { grooming } = signals;
  return (
    <section
      className="panel signals"
      aria-labelledby="signals-heading"
      aria-busy={analysisPending(signals)}
      data-testid="signals"
      data-pending={String(analysisPending(signals))}
    >
      <h3 id="signals-heading">{t('signals.heading')}</h3>
      {signals.media.length > 0 && (
        <ul className="plain-list">
          {signals.media.map((media, index) => (
            <MediaSignalList key={media.sha256} media={media} index={index} />
          ))}
        </ul>
      )}
      <p data-testid="red-flag-count">
        {t('signals.redFlags', { count: signals.redFlags.length, locale: signals.lexicon.locale, version: signals.lexicon.version })}
      </p>
      {grooming !== null && (
        <div className={`grooming grooming-${grooming.level}`} data-testid="grooming" data-level={grooming.level}>
          <p className="signal-title">
            {t('signals.grooming', { level: t(`signals.level.${grooming.level}`), score: decimal.format(grooming.score) })}
          </p>
          <ul className="plain-list">
            {grooming.patterns.map((pattern) => (
              <li key={pattern.pattern} data-testid="grooming-pattern">
                {t('signals.groomingPattern', { pattern: pattern.pattern, weight: decimal.format(pattern.weight), count: pattern.messageIds.length })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
