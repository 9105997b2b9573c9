import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { type BlurTier, type ItemWellness, type MediaRef, type MediaSignals, type MediaViewing, STORYBOARD_KEYFRAMES } from '../../electron/api';
import { asApiError } from '../api/asApiError';
import { useLocale } from '../i18n/context';
import { openLens, type Lens } from '../media/lens';
import { openHold, type OpenReveal } from '../media/reveal';
import { childSafetyMatchOf } from '../signals/childSafety';
import { useStores, useViewing } from '../state/stores';

type Loaded = { kind: 'loading' } | { kind: 'ready'; url: string; tier: BlurTier; grayscale: boolean } | { kind: 'failed'; message: string };

/**
 * One image as core serves it: at the policy's default unless the moderator asked core for a step
 * or colour (refused steps go back, with core's reason), the whole image clear while Space is held,
 * and under the pointer a circle core draws clear inside the blurred preview.
 */
function PreviewImage({
  itemId,
  media,
  rule,
  index,
  count,
  keyframes,
}: {
  itemId: string;
  media: MediaRef;
  rule: MediaViewing;
  index: number;
  count: number;
  /** A video's keyframes in its storyboard; 0 for an image. */
  keyframes: number;
}) {
  const { t } = useLocale();
  const { api, previews, viewing } = useStores();
  // A video shows core's storyboard until , or . steps to a keyframe; an image has no frames.
  const frameOnScreen = useViewing((s) => (s.itemId === itemId ? s.frame : null));
  const frame = keyframes > 0 && frameOnScreen !== null ? Math.min(frameOnScreen, keyframes - 1) : undefined;
  // Until the screen has moved the viewing state on to this item, it is at the policy default.
  const tier = useViewing((s) => (s.itemId === itemId ? s.tier : 'default'));
  const grayscale = useViewing((s) => (s.itemId === itemId ? s.grayscale : null));
  const holding = useViewing((s) => s.itemId === itemId && s.holding);
  const playing = useViewing((s) => s.itemId === itemId && s.playing && keyframes > 0);
  // The next item's preview read ahead paints in the first frame; core counted it from the decision.
  const [loaded, setLoaded] = useState<Loaded>(() => {
    const url = previews.aheadNow(itemId, media.sha256);
    return url === null ? { kind: 'loading' } : { kind: 'ready', url, tier: rule.defaultTier, grayscale: rule.grayscale };
  });
  const firstView = useRef(true);
  const [held, setHeld] = useState<string | null>(null);
  const [lensUrl, setLensUrl] = useState<string | null>(null);
  const lens = useRef<Lens | null>(null);

  // The shown image stays until the next one has arrived, so a step never flashes a placeholder.
  useEffect(() => {
    let cancelled = false;
    const stepped = tier !== 'default' || grayscale !== null;
    const request = { itemId, sha256: media.sha256, tier, grayscale: grayscale ?? undefined, frame };
    // Only the first view of an image may come from what was read ahead; every later one is asked of core.
    const readAhead = firstView.current && !stepped && frame === undefined ? previews.ahead(itemId, media.sha256) : undefined;
    firstView.current = false;
    const url = readAhead ? readAhead.then((ahead) => ahead ?? previews.get(request)) : previews.get(request);
    url.then(
      (url) => {
        if (cancelled) return;
        const shown = { kind: 'ready' as const, url, tier: tier === 'default' ? rule.defaultTier : tier, grayscale: grayscale ?? rule.grayscale };
        // The preview read ahead is already on screen from the first frame: nothing to draw again.
        setLoaded((now) =>
          now.kind === 'ready' && now.url === shown.url && now.tier === shown.tier && now.grayscale === shown.grayscale ? now : shown,
        );
        viewing.getState().accepted(itemId);
      },
      (caught: unknown) => {
        if (cancelled) return;
        const error = asApiError(caught);
        // A step core refused goes back to what it served, saying why; a default it refused is a failed preview.
        if (stepped && error.code === 'forbidden') viewing.getState().refused(itemId, error.message);
        else setLoaded({ kind: 'failed', message: error.message });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [previews, viewing, itemId, media.sha256, tier, grayscale, frame, rule.defaultTier, rule.grayscale]);

  useEffect(() => {
    if (!holding) return;
    let open: OpenReveal | null = null;
    let released = false;
    openHold(api, { itemId, sha256: media.sha256, grayscale: grayscale ?? undefined, frame }).then(
      (reveal) => {
        if (released) reveal.end();
        else {
          open = reveal;
          setHeld(reveal.url);
        }
      },
      (caught: unknown) => viewing.getState().refused(itemId, asApiError(caught).message),
    );
    return () => {
      released = true;
      open?.end();
      setHeld(null);
    };
  }, [api, viewing, holding, itemId, media.sha256, grayscale, frame]);

  useEffect(() => () => endLens(), []);

  function endLens(): void {
    lens.current?.end();
    lens.current = null;
    setLensUrl(null);
  }

  const position = (event: PointerEvent<HTMLElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return { x: (event.clientX - box.left) / Math.max(1, box.width), y: (event.clientY - box.top) / Math.max(1, box.height) };
  };

  function onPointerEnter(event: PointerEvent<HTMLElement>): void {
    if (lens.current !== null || rule.lensMaxRadius === 0 || rule.capped !== null) return;
    const opened = openLens(
      api,
      { itemId, sha256: media.sha256, tier, grayscale: grayscale ?? undefined, radius: rule.lensMaxRadius, frame },
      {
        onImage: (url) => {
          if (lens.current === opened) setLensUrl(url);
        },
        onRefused: (message) => {
          if (lens.current === opened) endLens();
          viewing.getState().refused(itemId, message);
        },
      },
    );
    lens.current = opened;
    const at = position(event);
    opened.move(at.x, at.y);
  }

  function onPointerMove(event: PointerEvent<HTMLElement>): void {
    const at = position(event);
    lens.current?.move(at.x, at.y);
  }

  if (loaded.kind !== 'ready') {
    return (
      <div className="preview-placeholder" data-testid="preview-placeholder">
        {loaded.kind === 'loading' ? t('item.previewLoading') : t('item.previewFailed', { message: loaded.message })}
      </div>
    );
  }
  const state = [
    ...(keyframes === 0
      ? []
      : [frame === undefined ? t('viewing.storyboard', { count: keyframes }) : t('viewing.keyframe', { index: frame + 1, count: keyframes })]),
    ...(playing ? [t('viewing.playing')] : []),
    held !== null ? t('viewing.clear') : t(`viewing.state.${loaded.tier}`),
    t(loaded.grayscale ? 'viewing.state.gray' : 'viewing.state.colour'),
  ].join(', ');
  return (
    <figure
      className="preview-frame"
      onPointerEnter={onPointerEnter}
      onPointerMove={onPointerMove}
      onPointerLeave={endLens}
      data-testid="preview-frame"
      data-revealing={held !== null ? 'hold' : lensUrl !== null ? 'hover' : 'none'}
      data-severity={rule.severity}
      data-keyframe={keyframes === 0 ? undefined : (frame ?? 'storyboard')}
      data-playing={keyframes === 0 ? undefined : String(playing)}
    >
      <img
        className="preview-image"
        src={loaded.url}
        alt={t('item.previewAlt', { index: index + 1, count, state })}
        width={keyframes === 0 || frame !== undefined ? media.width : undefined}
        height={keyframes === 0 || frame !== undefined ? media.height : undefined}
        data-testid="preview-image"
        data-blur-tier={loaded.tier}
        data-grayscale={String(loaded.grayscale)}
        draggable={false}
      />
      {held !== null && <img className="preview-clear" src={held} alt="" data-testid="preview-clear" draggable={false} />}
      {held === null && lensUrl !== null && (
        <img className="preview-clear preview-lens" src={lensUrl} alt="" data-testid="preview-lens" draggable={false} />
      )}
    </figure>
  );
}

function Withheld({ testId, children }: { testId: string; children: string }) {
  return (
    <div className="preview-placeholder preview-withheld" role="note" data-testid={testId}>
      {children}
    </div>
  );
}

/** A short label before an image the policy (or the moderator) wants announced; V or the button shows it. */
function WarningScreen({ itemId, label }: { itemId: string; label: string }) {
  const { t } = useLocale();
  const { viewing } = useStores();
  return (
    <div className="preview-placeholder preview-warning" role="note" data-testid="warning-screen">
      <p>{t('viewing.warning', { label })}</p>
      <button type="button" onClick={() => viewing.getState().showWarned(itemId)} aria-keyshortcuts="V" data-testid="warning-show">
        <kbd>V</kbd> {t('viewing.warningShow')}
      </button>
    </div>
  );
}

export function MediaPreview({
  itemId,
  media,
  signals,
  wellness,
}: {
  itemId: string;
  media: readonly MediaRef[];
  signals: readonly MediaSignals[];
  wellness: ItemWellness;
}) {
  const { t } = useLocale();
  const warnedShown = useViewing((s) => s.itemId === itemId && s.warnedShown);
  if (media.length === 0) return <p className="muted">{t('item.noMedia')}</p>;
  return (
    <div className="previews">
      {media.map((ref, index) => {
        const signal = signals.find((s) => s.sha256 === ref.sha256);
        const match = signal ? childSafetyMatchOf(signal) : null;
        // Never asked for, not even blurred: core would refuse it, and the UI does not try.
        if (match !== null) {
          return (
            <Withheld key={ref.sha256} testId="child-safety-placeholder">
              {t('childSafety.placeholder', { bank: match.bank, distance: match.distance })}
            </Withheld>
          );
        }
        const rule = wellness.media.find((m) => m.sha256 === ref.sha256);
        if (signal === undefined || signal.status === 'pending' || rule === undefined) {
          return (
            <Withheld key={ref.sha256} testId="preview-pending">
              {t('item.previewPending')}
            </Withheld>
          );
        }
        if (signal.status === 'unanalysable') {
          return (
            <Withheld key={ref.sha256} testId="unanalysable-placeholder">
              {t('item.previewUnanalysable', { message: signal.reason?.message ?? '' })}
            </Withheld>
          );
        }
        if (rule.warning !== null && !warnedShown) return <WarningScreen key={ref.sha256} itemId={itemId} label={rule.warning} />;
        const keyframes = signal.video ? Math.min(STORYBOARD_KEYFRAMES, signal.video.vpdq.frames) : 0;
        return <PreviewImage key={ref.sha256} itemId={itemId} media={ref} rule={rule} index={index} count={media.length} keyframes={keyframes} />;
      })}
    </div>
  );
}
