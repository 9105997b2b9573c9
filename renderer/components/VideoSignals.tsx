import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MediaSignals } from '../../electron/api';
import { numberFormat } from '../format/intl';
import { formatPosition } from '../format/time';
import { useLocale } from '../i18n/context';
import { useAfterPaint } from './useAfterPaint';

type Video = NonNullable<MediaSignals['video']>;
type Score = { label: string; threshold: number; category: string };

const LINE_COLOURS = ['#e07a5f', '#f2cc8f', '#81b29a', '#a5a8f0', '#ef476f'];

/**
 * A video's facts, its vPDQ frames and the classifier over time: one line per harm label (the
 * ones a policy category hangs on), the threshold of the first flagged one, and the peaks in words
 * for whoever does not read the chart.
 */
export function VideoSignals({ video, scores }: { video: Video; scores: readonly Score[] }) {
  const { t, locale } = useLocale();
  const percent = numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const decimal = numberFormat(locale, { maximumFractionDigits: 2 });
  const harmful = scores.map((score, index) => ({ ...score, index })).filter((score) => score.category !== 'none');
  const data = video.timeline.map((point) => ({
    at: point.timestampSeconds,
    ...Object.fromEntries(harmful.map((score) => [score.label, point.probabilities[score.index] ?? 0])),
  }));
  // The chart measures the page as it mounts: it follows the item's first frame instead of delaying it.
  const chartShown = useAfterPaint(video);
  const flaggedThreshold = harmful.find((score) => video.peaks.some((peak) => peak.label === score.label))?.threshold;
  return (
    <div className="video-signals" data-testid="video-signals">
      <p className="muted" data-testid="video-facts">
        {t('signals.videoFacts', {
          duration: formatPosition(video.durationSeconds),
          width: video.width,
          height: video.height,
          fps: decimal.format(video.fps),
          audio: video.hasAudio ? t('signals.videoAudio') : t('signals.videoSilent'),
        })}
      </p>
      <p className="muted" data-testid="video-vpdq">
        {t('signals.vpdqFrames', { frames: video.vpdq.frames, usable: video.vpdq.usableFrames })}
      </p>
      {data.length > 1 && harmful.length > 0 && (
        <figure className="video-timeline" data-testid="video-timeline" data-points={data.length}>
          <figcaption>{t('signals.timeline')}</figcaption>
          {chartShown ? (
            <ResponsiveContainer width="100%" height={120} initialDimension={{ width: 320, height: 120 }}>
              <LineChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
                <CartesianGrid stroke="#3a3f46" strokeDasharray="3 3" />
                <XAxis dataKey="at" type="number" domain={['dataMin', 'dataMax']} tickFormatter={formatPosition} stroke="#b3b9c2" fontSize={11} />
                <YAxis domain={[0, 1]} tickFormatter={(value: number) => percent.format(value)} stroke="#b3b9c2" fontSize={11} />
                <Tooltip
                  labelFormatter={(value) => formatPosition(Number(value))}
                  formatter={(value) => percent.format(Number(value))}
                  contentStyle={{ background: '#1f2329', border: '1px solid #3a3f46' }}
                />
                {flaggedThreshold !== undefined && <ReferenceLine y={flaggedThreshold} stroke="#ef476f" strokeDasharray="4 2" />}
                {harmful.map((score, index) => (
                  <Line
                    key={score.label}
                    dataKey={score.label}
                    stroke={LINE_COLOURS[index % LINE_COLOURS.length]}
                    dot={false}
                    isAnimationActive={false}
                    strokeWidth={1.5}
                  />
                ))}
              </LineChart>
            </ResponsiveContainer>
          ) : (
            <div className="video-timeline-pending" />
          )}
        </figure>
      )}
      {video.peaks.length > 0 && (
        <ul className="plain-list" aria-label={t('signals.peaks')}>
          {video.peaks.map((peak) => (
            <li key={`${peak.label}@${peak.timestampSeconds}`} data-testid="video-peak" data-label={peak.label} data-at={peak.timestampSeconds}>
              {t('signals.peak', { label: peak.label, probability: percent.format(peak.probability), at: formatPosition(peak.timestampSeconds) })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
