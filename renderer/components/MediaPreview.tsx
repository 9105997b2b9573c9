import { useEffect, useRef, useState, type PointerEvent } from 'react';
import type { MediaRef, MediaSignals } from '../../electron/api';
import { asApiError } from '../api/asApiError';
import { useLocale } from '../i18n/context';
import { openReveal, type OpenReveal } from '../media/reveal';
import { createRevealCoverage, type RevealCoverage } from '../media/revealCoverage';
import { childSafetyMatchOf } from '../signals/childSafety';
import { useStores, useViewing } from '../state/stores';

/** Radius of the hover lens, in CSS pixels: a spot, not the picture. */
const LENS_RADIUS = 36;

type Loaded =
  | { kind: 'loading' }
  | { kind: 'ready'; url: string; tier: string; grayscale: boolean }
  | { kind: 'failed'; message: string };

interface Lens {
  reveal: OpenReveal | null;
  coverage: RevealCoverage;
  /** Where the pointer is now, kept while reveal.begin is still on its way. */
  at: { x: number; y: number };
  closed: boolean;
}

/**
 * One image: blurred at the chosen tier, never clearer, except inside a logged reveal: the whole
 * image while Space is held, or a small circle under the pointer while it hovers.
 */
function PreviewImage({ itemId, media, index, count }: { itemId: string; media: MediaRef; index: number; count: number }) {
  const { t } = useLocale();
  const { api, previews } = useStores();
  const tier = useViewing((s) => s.tier);
  const grayscale = useViewing((s) => s.grayscale);
  const holding = useViewing((s) => s.holding);
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [held, setHeld] = useState<string | null>(null);
  const [hover, setHover] = useState<{ url: string; x: number; y: number } | null>(null);
  const lens = useRef<Lens | null>(null);

  // The shown image stays until the next tier has arrived, so a step never flashes a placeholder.
  useEffect(() => {
    let cancelled = false;
    previews.get({ itemId, sha256: media.sha256, tier, grayscale }).then(
      (url) => {
        if (!cancelled) setLoaded({ kind: 'ready', url, tier, grayscale });
      },
      (caught: unknown) => {
        if (!cancelled) setLoaded({ kind: 'failed', message: asApiError(caught).message });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [previews, itemId, media.sha256, tier, grayscale]);

  useEffect(() => {
    if (!holding) return;
    let open: OpenReveal | null = null;
    let released = false;
    openReveal(api, { itemId, sha256: media.sha256, kind: 'hold_full', grayscale }).then(
      (reveal) => {
        if (released) reveal.end(0);
        else {
          open = reveal;
          setHeld(reveal.url);
        }
      },
      (caught: unknown) => setLoaded({ kind: 'failed', message: asApiError(caught).message }),
    );
    return () => {
      released = true;
      open?.end(1);
      setHeld(null);
    };
  }, [api, holding, itemId, media.sha256, grayscale]);

  useEffect(() => () => endHover(), []);

  function endHover(): void {
    const current = lens.current;
    lens.current = null;
    setHover(null);
    if (current === null) return;
    current.closed = true;
    current.reveal?.end(current.coverage.fraction());
  }

  function onPointerEnter(event: PointerEvent<HTMLElement>): void {
    if (lens.current !== null) return;
    const box = event.currentTarget.getBoundingClientRect();
    const at = { x: event.clientX - box.left, y: event.clientY - box.top };
    const current: Lens = { reveal: null, coverage: createRevealCoverage(box.width, box.height, LENS_RADIUS), at, closed: false };
    lens.current = current;
    current.coverage.add(at.x, at.y);
    openReveal(api, { itemId, sha256: media.sha256, kind: 'hover_region', grayscale }).then(
      (reveal) => {
        if (current.closed) {
          reveal.end(current.coverage.fraction());
          return;
        }
        current.reveal = reveal;
        setHover({ url: reveal.url, ...current.at });
      },
      (caught: unknown) => setLoaded({ kind: 'failed', message: asApiError(caught).message }),
    );
  }

  function onPointerMove(event: PointerEvent<HTMLElement>): void {
    const current = lens.current;
    if (current === null) return;
    const box = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    current.coverage.add(x, y);
    current.at = { x, y };
    if (current.reveal !== null) setHover({ url: current.reveal.url, x, y });
  }

  if (loaded.kind !== 'ready') {
    return (
      <div className="preview-placeholder" data-testid="preview-placeholder">
        {loaded.kind === 'loading' ? t('item.previewLoading') : t('item.previewFailed', { message: loaded.message })}
      </div>
    );
  }
  const state = [
    held !== null ? t('viewing.clear') : t(`viewing.state.${loaded.tier as 'heavy' | 'medium' | 'light'}`),
    t(loaded.grayscale ? 'viewing.state.gray' : 'viewing.state.colour'),
  ].join(', ');
  return (
    <figure
      className="preview-frame"
      onPointerEnter={onPointerEnter}
      onPointerMove={onPointerMove}
      onPointerLeave={endHover}
      data-testid="preview-frame"
      data-revealing={held !== null ? 'hold' : hover !== null ? 'hover' : 'none'}
    >
      <img
        className="preview-image"
        src={loaded.url}
        alt={t('item.previewAlt', { index: index + 1, count, state })}
        width={media.width}
        height={media.height}
        data-testid="preview-image"
        data-blur-tier={loaded.tier}
        data-grayscale={String(loaded.grayscale)}
        draggable={false}
      />
      {held !== null && <img className="preview-clear" src={held} alt="" data-testid="preview-clear" draggable={false} />}
      {held === null && hover !== null && (
        <img
          className="preview-clear preview-lens"
          src={hover.url}
          alt=""
          data-testid="preview-lens"
          draggable={false}
          style={{
            maskImage: `radial-gradient(circle ${LENS_RADIUS}px at ${hover.x}px ${hover.y}px, #000 98%, transparent 100%)`,
          }}
        />
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

export function MediaPreview({
  itemId,
  media,
  signals,
}: {
  itemId: string;
  media: readonly MediaRef[];
  signals: readonly MediaSignals[];
}) {
  const { t } = useLocale();
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
        if (signal === undefined || signal.status === 'pending') {
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
        return <PreviewImage key={ref.sha256} itemId={itemId} media={ref} index={index} count={media.length} />;
      })}
    </div>
  );
}
