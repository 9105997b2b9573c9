/**
 * What differs between running under Electron and running as a plain Node host. Core asks for
 * these capabilities through this one interface; electron/main provides the Electron
 * implementation, node.ts the browser-mode host's, testing.ts the tests'.
 */
export interface Keychain {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface Platform {
  readonly kind: 'electron' | 'node' | 'test';
  /** Folder for the database and caches (Electron's userData, or a flag/env var in browser mode). */
  readonly dataDir: string;
  readonly keychain: Keychain;
  notify(title: string, body: string): void;
  log(line: string): void;
}

export { createNodePlatform } from './node';
export { createTestPlatform } from './testing';
