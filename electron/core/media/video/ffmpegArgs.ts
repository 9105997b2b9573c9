import type { VideoContainer } from '../decode/types';
import type { VideoLimits } from './types';

/** The demuxers each sniffed container may be opened with; hls, concat and the rest are never allowed. */
export const DEMUXERS: Record<VideoContainer, string> = { mp4: 'mov', matroska: 'matroska', avi: 'avi' };

/**
 * Input options shared by ffprobe and ffmpeg. Only the file protocol and only the sniffed
 * container's demuxer: a playlist or concat list is refused by ffmpeg itself before anything it
 * names is opened, and a QuickTime external data reference stays off (enable_drefs defaults so).
 * max_alloc bounds any single allocation a hostile header can ask for.
 */
export function inputArgs(file: string, container: VideoContainer, limits: VideoLimits): string[] {
  return [
    '-hide_banner',
    '-v',
    'error',
    '-max_alloc',
    String(Math.floor(limits.maxMemoryBytes / 4)),
    '-protocol_whitelist',
    'file',
    '-format_whitelist',
    DEMUXERS[container],
    '-f',
    DEMUXERS[container],
    '-i',
    `file:${file}`,
  ];
}
