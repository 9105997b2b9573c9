import type { Platform } from './index';

/** In-memory platform for tests: keeps what was logged and notified so tests can assert on it. */
export interface TestPlatform extends Platform {
  readonly lines: string[];
  readonly notifications: Array<{ title: string; body: string }>;
}

export function createTestPlatform(dataDir: string): TestPlatform {
  const secrets = new Map<string, string>();
  const lines: string[] = [];
  const notifications: Array<{ title: string; body: string }> = [];
  return {
    kind: 'test',
    dataDir,
    lines,
    notifications,
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
    log: (line) => lines.push(line),
  };
}
