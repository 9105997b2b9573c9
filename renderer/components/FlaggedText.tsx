import type { ReactNode } from 'react';
import { useLocale } from '../i18n/context';
import { segmentText, type TextMark } from '../signals/marks';

/**
 * Content text with its red-flag and grooming phrases marked. Each <mark> carries its reason as
 * text for screen readers, since colour alone says nothing to them.
 */
export function FlaggedText({ text, marks, lang, testId }: { text: string; marks: readonly TextMark[]; lang: string; testId?: string }) {
  const { t } = useLocale();
  const parts: ReactNode[] = segmentText(text, marks).map((segment, index) => {
    if (segment.mark === null) return segment.text;
    const { mark } = segment;
    const why =
      mark.kind === 'redFlag'
        ? t('mark.redFlag', { category: mark.label, severity: mark.severity ?? 1 })
        : t('mark.grooming', { pattern: mark.label });
    return (
      <mark
        key={index}
        className={`flag flag-${mark.kind} severity-${mark.severity ?? 0}`}
        data-testid={mark.kind === 'redFlag' ? 'red-flag' : 'grooming-mark'}
        data-category={mark.label}
        title={why}
      >
        {segment.text}
        <span className="visually-hidden"> ({why})</span>
      </mark>
    );
  });
  return (
    <p lang={lang} className="content-text" data-testid={testId}>
      {parts}
    </p>
  );
}
