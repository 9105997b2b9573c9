import type { Platform } from './index';
import { resolveVideoTools, type VideoToolsChoice } from './videoTools';

/**
 * In-memory platform for tests: keeps what was logged and notified so tests can assert on it, and
 * lets them set the clock and the idle time. The clock runs in real time until a test sets it.
 */
export interface TestPlatform extends Platform {
  readonly lines: string[];
  readonly notifications: Array<{ title: string; body: string }>;
  /** Fixes the clock at this time (epoch ms or a Date); it then moves only when told. */
  setNow(at: number | Date): void;
  /** Moves a fixed clock on; fixes it at the real time first if it was running. */
  advance(ms: number): void;
  /** How long the person has been away, in seconds, until set again. */
  setIdleSeconds(seconds: number): void;
}

/** Tests get the packaged ffmpeg unless they name other binaries (a hanging fake, say). */
export function createTestPlatform(dataDir: string, videoTools: VideoToolsChoice = 'packaged'): TestPlatform {
  const secrets = new Map<string, string>();
  const lines: string[] = [];
  const notifications: Array<{ title: string; body: string }> = [];
  let fixedAt: number | null = null;
  let idle = 0;
  const now = () => new Date(fixedAt ?? Date.now());
  return {
    kind: 'test',
    dataDir,
    lines,
    notifications,
    now,
    idleSeconds: () => idle,
    noteInput: () => {
      idle = 0;
    },
    setNow(at) {
      fixedAt = typeof at === 'number' ? at : at.getTime();
    },
    advance(ms) {
      fixedAt = (fixedAt ?? Date.now()) + ms;
    },
    setIdleSeconds(seconds) {
      idle = seconds;
    },
    keychain: {
      async get(key) {
        return secrets.get(key) ?? null;
      },
      async set(key, value) {
        secrets.set(key, value);
      },
      async delete(key) {
        secrets.delete(key);
      },
    },
    notify: (title, body) => notifications.push({ title, body }),
    videoTools: () => resolveVideoTools(videoTools),
    log: (line) => lines.push(line),
  };
}
