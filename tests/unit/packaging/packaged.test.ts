import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PLAIN_TEXT_MESSAGE } from '@workstation/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { denyWindowOpen, refusePermission, SECURE_WEB_PREFERENCES } from '../../../electron/main/security';
import { contentSecurityPolicy } from '../../../electron/web/csp';

/**
 * The desktop package is the app alone: it is pointed at an upstream (UPSTREAM_URL) and carries no
 * upstream code, no database driver or server, no migrations and no demo data.
 */
const repoRoot = path.resolve(import.meta.dirname, '../../..');
const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');
const builder = parse(read('electron-builder.yml')) as { files: string[]; extraResources: Array<{ from: string; to: string }> };
const app = JSON.parse(read('package.json')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts?: Record<string, string>;
};

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && pattern.test(entry.name) && !entry.parentPath.includes('node_modules'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Text only upstream code has: its lock names, its demo bank and accounts, its SQL. */
const UPSTREAM_MARKERS = [
  'upstream.sync.publish',
  'upstream.seed',
  'demo-child-safety',
  'Mina Moderator',
  'FOR UPDATE SKIP LOCKED',
  'jsonb_to_recordset',
];
const FORBIDDEN_PACKAGES = ['@electric-sql/pglite', 'pg', '@workstation/upstream'];

describe('what electron-builder packs', () => {
  it('takes files only from the built app, its bundled lexicons and package.json', () => {
    const includes = builder.files.filter((pattern) => !pattern.startsWith('!'));
    expect(includes.length).toBeGreaterThan(0);
    for (const pattern of includes)
      expect(
        ['out/', 'package.json', 'resources/lexicons/'].some((root) => pattern.startsWith(root)),
        pattern,
      ).toBe(true);
    // The protocol is bundled into out/main, so its workspace sources stay out too.
    expect(builder.files).toContain('!node_modules/@workstation/**');
  });

  it('builds AppImage, deb, NSIS and dmg, rebuilding natives for Electron in that step, with a feed the deployer names', () => {
    const targets = builder as unknown as {
      linux: { target: string[] };
      win: { target: string };
      mac: { target: string };
      npmRebuild: boolean;
      publish: { provider: string; url: string };
    };
    expect([...targets.linux.target, targets.win.target, targets.mac.target].sort()).toEqual(['AppImage', 'deb', 'dmg', 'nsis']);
    expect(targets.npmRebuild).toBe(true);
    expect(targets.publish).toEqual({ provider: 'generic', url: '${env.WORKSTATION_UPDATE_FEED}' });
    // Rebuilding for Electron belongs to packaging and start, never to install (tests run on Node's ABI).
    expect(app.scripts?.postinstall ?? '').not.toMatch(/rebuild/);
  });

  it('packs no tests, fixtures, upstream or demo data', () => {
    const includes = builder.files.filter((pattern) => !pattern.startsWith('!'));
    for (const pattern of includes) expect(pattern).not.toMatch(/^(tests|upstream|docs|scripts)\b|fixtures|demo/);
  });

  it('adds only the models as extra resources', () => {
    for (const { from } of builder.extraResources) expect(from === 'models' || from.startsWith('models/'), from).toBe(true);
  });

  it('names no upstream file, migration, demo data or database anywhere in its config', () => {
    expect(JSON.stringify(builder)).not.toMatch(/upstream|migrations|demo|pglite/i);
  });

  it('gets no PGlite, node-postgres or upstream as a run-time dependency of the app (the protocol, bundled, is one)', () => {
    for (const name of FORBIDDEN_PACKAGES) expect(app.dependencies, name).not.toHaveProperty([name]);
    expect(app.dependencies).toHaveProperty(['@workstation/protocol']);
    // npm start and the tests run the reference upstream beside the app; packaging leaves dev dependencies out.
    expect(app.devDependencies).toHaveProperty(['@workstation/upstream']);
  });
});

describe('the built app (electron-vite build)', () => {
  let outDir: string;
  let bundle: string;

  beforeAll(() => {
    outDir = mkdtempSync(path.join(os.tmpdir(), 'workstation-build-'));
    execFileSync(path.join(repoRoot, 'node_modules/.bin/electron-vite'), ['build', '--outDir', outDir, '--logLevel', 'error'], {
      cwd: repoRoot,
      stdio: 'pipe',
    });
    bundle = filesUnder(outDir, /\.(c?js|html)$/)
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
  }, 180_000);

  afterAll(() => {
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('has the protocol bundled in rather than imported from its workspace folder', () => {
    // Booleans, not toContain: a failure should name the text, not print the whole bundle.
    expect(bundle.includes(PLAIN_TEXT_MESSAGE), 'a protocol message is in the bundle').toBe(true);
    expect(bundle.includes('@workstation/'), 'the bundle imports a workspace package').toBe(false);
  });

  it('has a preload that requires nothing but electron, as a sandboxed preload must', () => {
    const preload = readFileSync(path.join(outDir, 'preload/index.cjs'), 'utf8');
    expect([...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])).toEqual(['electron']);
  });

  it('builds the window hardened: isolated, sandboxed, no Node, no navigation, no new windows, no permissions, strict CSP', () => {
    const main = readFileSync(path.join(outDir, 'main/index.js'), 'utf8');
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    // The bundle builds its window from those settings, and installs every guard.
    for (const [key, value] of Object.entries(SECURE_WEB_PREFERENCES))
      expect(main.includes(`${key}: ${String(value)}`), `${key}: ${String(value)}`).toBe(true);
    for (const guard of [
      'webPreferences: {\n\t\t\t...SECURE_WEB_PREFERENCES',
      'setWindowOpenHandler(denyWindowOpen)',
      'on("will-navigate", refuseNavigation)',
      'on("will-attach-webview", refuseNavigation)',
      'setPermissionRequestHandler(refusePermission)',
      '"Content-Security-Policy": [contentSecurityPolicy()]',
    ]) {
      expect(main.includes(guard), guard).toBe(true);
    }
    expect(denyWindowOpen()).toEqual({ action: 'deny' });
    let refused = false;
    refusePermission(null, 'media', (granted) => (refused = !granted));
    expect(refused).toBe(true);
    const csp = contentSecurityPolicy();
    for (const directive of ["default-src 'none'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'"])
      expect(csp).toContain(directive);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
  });

  it('contains no upstream code', () => {
    const upstreamSource = filesUnder(path.join(repoRoot, 'upstream'), /\.ts$/)
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    for (const marker of UPSTREAM_MARKERS) {
      expect(upstreamSource.includes(marker), `${marker} is no longer in upstream/, so it proves nothing here`).toBe(true);
      expect(bundle.includes(marker), `the bundle contains the upstream's ${marker}`).toBe(false);
    }
  });

  it('imports no database driver or server package', () => {
    const imported = [...bundle.matchAll(/(?:from\s*|import\(|require\()\s*["']([^"'./][^"']*)["']/g)].map((m) => m[1]);
    expect(imported.length).toBeGreaterThan(3);
    for (const name of FORBIDDEN_PACKAGES)
      expect(
        imported.filter((s) => s === name || s?.startsWith(`${name}/`)),
        name,
      ).toEqual([]);
  });
});
