import { useEffect, useState } from 'react';
import type { MediaRef, PreviewRequest } from '../../electron/api';
import { asApiError } from '../api/asApiError';
import { useLocale } from '../i18n/context';
import { useStores } from '../state/stores';

/**
 * Every preview is asked for heavily blurred and grayscale: the wellness default. Nothing in this
 * screen can ask for less; a reveal, when it comes, will be its own logged call.
 */
const defaultPreview: Pick<PreviewRequest, 'tier' | 'grayscale'> = { tier: 'heavy', grayscale: true };

type Loaded = { kind: 'loading' } | { kind: 'ready'; url: string } | { kind: 'failed'; message: string };

function PreviewImage({ itemId, media, index, count }: { itemId: string; media: MediaRef; index: number; count: number }) {
  const { t } = useLocale();
  const { api } = useStores();
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });

  useEffect(() => {
    let cancelled = false;
    let made: string | null = null;
    setLoaded({ kind: 'loading' });
    api.previewUrl({ itemId, sha256: media.sha256, ...defaultPreview }).then(
      (url) => {
        if (cancelled) {
          api.releasePreviewUrl(url);
          return;
        }
        made = url;
        setLoaded({ kind: 'ready', url });
      },
      (caught: unknown) => {
        if (!cancelled) setLoaded({ kind: 'failed', message: asApiError(caught).message });
      },
    );
    return () => {
      cancelled = true;
      if (made !== null) api.releasePreviewUrl(made);
    };
  }, [api, itemId, media.sha256]);

  if (loaded.kind === 'ready') {
    return (
      <img
        className="preview-image"
        src={loaded.url}
        alt={t('item.previewAlt', { index: index + 1, count })}
        width={media.width}
        height={media.height}
        data-testid="preview-image"
        data-blur-tier={defaultPreview.tier}
        data-grayscale={String(defaultPreview.grayscale)}
        draggable={false}
      />
    );
  }
  return (
    <div className="preview-placeholder" data-testid="preview-placeholder">
      {loaded.kind === 'loading' ? t('item.previewLoading') : t('item.previewFailed', { message: loaded.message })}
    </div>
  );
}

export function MediaPreview({ itemId, media }: { itemId: string; media: readonly MediaRef[] }) {
  const { t } = useLocale();
  if (media.length === 0) return <p className="muted">{t('item.noMedia')}</p>;
  return (
    <div className="previews">
      {media.map((ref, index) => (
        <PreviewImage key={ref.sha256} itemId={itemId} media={ref} index={index} count={media.length} />
      ))}
    </div>
  );
}
