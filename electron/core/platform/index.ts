/**
 * What differs between running under Electron and running as a plain Node host. Core asks for
 * these capabilities (the clock and idle time among them) through this one interface, and this file holds nothing else: each host
 * picks its implementation by importing it (electron/main/platform.ts for Electron, node.ts for
 * the browser-mode host, testing.ts for tests), as Actual's loot-core picks index.electron.ts.
 */
import type { VideoTools } from './videoTools';

export type { VideoTools, VideoToolsChoice } from './videoTools';

export interface Keychain {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface Platform {
  readonly kind: 'electron' | 'node' | 'test';
  /** The time every service reads, so tests can move it. */
  now(): Date;
  /**
   * Seconds since the person at this computer last gave input: breaks count only idle time.
   * Electron asks the OS; browser mode counts from the renderer's last session.activity.
   */
  idleSeconds(): number;
  /** The renderer saw input (session.activity); only a platform without an OS idle clock needs it. */
  noteInput(): void;
  /** Folder for the database and caches (Electron's userData, or a flag/env var in browser mode). */
  readonly dataDir: string;
  readonly keychain: Keychain;
  notify(title: string, body: string): void;
  /**
   * The ffmpeg and ffprobe video analysis runs: the packaged binaries, or the system's where the
   * host is configured so. Throws VideoToolsUnavailableError, saying what is missing.
   */
  videoTools(): VideoTools;
  log(line: string): void;
}
