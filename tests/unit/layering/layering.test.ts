import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { layeringViolations, looksLikeSql, moduleSpecifiers, stringLiterals, type SourceFile } from './rules';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
/** Everything that ships or runs the app; tests are left out (they may open SQLite and start hosts). */
const scanned = ['electron', 'renderer', 'protocol', 'upstream', 'models', 'scripts'];

function sourceFiles(dir: string): SourceFile[] {
  return readdirSync(path.join(repoRoot, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(relative);
    return /\.(?:ts|tsx|mts|cts)$/.test(entry.name) ? [{ path: relative, text: readFileSync(path.join(repoRoot, relative), 'utf8') }] : [];
  });
}

const repoFiles = scanned.flatMap(sourceFiles);
const file = (p: string, text: string): SourceFile => ({ path: p, text });

describe('layering of the repository', () => {
  it('scans a real tree (guards against a walk that finds nothing)', () => {
    const paths = repoFiles.map((f) => f.path);
    expect(paths).toContain('electron/core/index.ts');
    expect(paths).toContain('electron/main/index.ts');
    expect(paths).toContain('protocol/index.ts');
    expect(paths).toContain('upstream/index.ts');
    expect(paths.some((p) => p.startsWith('renderer/'))).toBe(true);
    // The checker must see the real imports and SQL it is meant to police.
    expect(repoFiles.filter((f) => moduleSpecifiers(f).includes('electron')).length).toBeGreaterThan(0);
    const store = repoFiles.filter((f) => f.path.startsWith('electron/core/store/'));
    expect(store.flatMap(stringLiterals).filter(looksLikeSql).length).toBeGreaterThan(10);
  });

  it('has no layering violation', () => {
    expect(layeringViolations(repoFiles)).toEqual([]);
  });
});

describe('the checker reports each kind of violation', () => {
  it('core importing electron, statically, dynamically, by require, or type-only', () => {
    const bad = [
      file('electron/core/a.ts', `import { app } from 'electron';`),
      file('electron/core/sync/b.ts', `const { net } = await import('electron');`),
      file('electron/core/c.ts', `const e = require('electron/main');`),
      file('electron/core/d.ts', `import type { BrowserWindow } from 'electron';`),
      file('electron/core/e.ts', `export { ipcMain } from 'electron';`),
    ];
    const found = layeringViolations(bad).filter((v) => v.rule === 'core-imports-electron');
    expect(found.map((v) => v.file)).toEqual(bad.map((f) => f.path));
  });

  it('renderer importing core, main, web, preload or upstream', () => {
    const bad = [
      file('renderer/a.ts', `import { createCore } from '../electron/core';`),
      file('renderer/screens/b.tsx', `import { openStore } from '../../electron/core/store';`),
      file('renderer/c.ts', `import '../electron/main/ipc';`),
      file('renderer/d.ts', `import { startWebHost } from '../electron/web';`),
      file('renderer/e.ts', `import x from '../electron/preload/index';`),
      file('renderer/f.ts', `import { startUpstream } from '../upstream';`),
      file('renderer/g.ts', `import { reviewItemSchema } from '@workstation/protocol';`),
      file('renderer/h.ts', `import { canonicalJson } from '../protocol/checksums';`),
    ];
    const found = layeringViolations(bad).filter((v) => v.rule === 'renderer-imports-host');
    expect(found.map((v) => v.file)).toEqual(bad.map((f) => f.path));
    expect(found[1]?.detail).toBe('../../electron/core/store (into electron/core)');
  });

  it('the app importing the upstream, by path or package, statically or dynamically', () => {
    const bad = [
      file('electron/web/host.ts', `import { startUpstream } from '../../upstream';`),
      file('electron/main/index.ts', `const { startUpstream } = await import('@workstation/upstream');`),
      file('electron/core/sync/a.ts', `import type { Db } from '../../../upstream/db';`),
      file('renderer/b.ts', `import { DEMO_ACCOUNTS } from '@workstation/upstream';`),
    ];
    const found = layeringViolations(bad).filter((v) => v.rule === 'app-imports-upstream');
    expect(found.map((v) => v.file)).toEqual(bad.map((f) => f.path));
  });

  it('the upstream importing anything of the app but the protocol', () => {
    const bad = [
      file('upstream/domain/a.ts', `import { pdqHash } from '../../electron/core/signals/pdq';`),
      file('upstream/b.ts', `import en from '../resources/lexicons/en.json';`),
      file('upstream/c.ts', `import type { ApiError } from '../electron/api';`),
      file('upstream/d.ts', `export { x } from '../scripts/start';`),
    ];
    const found = layeringViolations(bad).filter((v) => v.rule === 'upstream-imports-app');
    expect(found.map((v) => v.file)).toEqual(bad.map((f) => f.path));
    expect(found[0]?.detail).toBe('../../electron/core/signals/pdq (into electron/core/signals/pdq)');
  });

  it('the protocol importing beyond itself, zod and Node', () => {
    const bad = [
      file('protocol/a.ts', `import { ApiError } from '../electron/api';`),
      file('protocol/b.ts', `import { startUpstream } from '@workstation/upstream';`),
      file('protocol/c.ts', `import React from 'react';`),
    ];
    const found = layeringViolations(bad).filter((v) => v.rule === 'protocol-imports-outside');
    expect(found.map((v) => v.file)).toEqual(bad.map((f) => f.path));
  });

  it('the app, the upstream and tests importing the protocol, and the protocol importing zod, Node and itself, are fine', () => {
    expect(
      layeringViolations([
        file('electron/core/sync/a.ts', `import { deltaPageSchema } from '@workstation/protocol';`),
        file('electron/api/b.ts', `export { ACCOUNT_ACTIONS } from '@workstation/protocol';`),
        file('upstream/domain/c.ts', `import { checksumOf } from '@workstation/protocol/checksums';`),
        file('upstream/d.ts', `import { generateDemoData } from './demo';`),
        file('protocol/e.ts', `import { z } from 'zod';\nimport { createHash } from 'node:crypto';\nimport { idSchema } from './wire';`),
        file('scripts/f.ts', `import { startUpstream } from '@workstation/upstream';`),
      ]),
    ).toEqual([]);
  });

  it('renderer importing the API contract is fine', () => {
    expect(layeringViolations([file('renderer/api/client.ts', `import type { CallName } from '../../electron/api';`)])).toEqual([]);
  });

  it("'electron' anywhere but main and preload", () => {
    const found = layeringViolations([
      file('electron/web/a.ts', `import { app } from 'electron';`),
      file('renderer/b.ts', `import { ipcRenderer } from 'electron';`),
      file('upstream/c.ts', `import electron from 'electron';`),
      file('scripts/d.ts', `const p = require('electron');`),
      file('electron/main/ok.ts', `import { app } from 'electron';`),
      file('electron/preload/ok.ts', `import { contextBridge } from 'electron';`),
    ]);
    expect(found.filter((v) => v.rule === 'electron-outside-main').map((v) => v.file)).toEqual([
      'electron/web/a.ts',
      'renderer/b.ts',
      'upstream/c.ts',
      'scripts/d.ts',
    ]);
  });

  it('SQL in string literals under electron/ outside the store', () => {
    const bad = [
      file('electron/core/review/a.ts', `db.prepare('SELECT id FROM items WHERE id = ?');`),
      file('electron/core/sync/b.ts', 'run(`INSERT INTO outbox (k) VALUES (?)`);'),
      file('electron/web/c.ts', 'const q = `UPDATE items SET status = ${s} WHERE id = ?`;'),
      file('electron/main/d.ts', `exec("delete from decisions where id = 1");`),
      file('electron/core/e.ts', `const ddl = "create table t (id text)";`),
      file('electron/core/f.ts', 'q(`select count(*) from outbox where state = ?`);'),
    ];
    const found = layeringViolations(bad).filter((v) => v.rule === 'sql-outside-store');
    expect(found.map((v) => v.file)).toEqual(bad.map((f) => f.path));
    expect(found[0]?.detail).toBe('SELECT id FROM items WHERE id = ?');
  });

  it('SQL inside electron/core/store, in comments, or in prose is not reported', () => {
    expect(
      layeringViolations([
        file('electron/core/store/x.ts', `db.prepare('SELECT * FROM items');`),
        file('electron/core/y.ts', `// SELECT * FROM items would be wrong here\n/* DELETE FROM t */ const a = 1;`),
        file('electron/core/z.ts', `throw new Error('Select an item from the list, then delete from the cache.');`),
        file('electron/web/w.ts', `log('update the app; insert into the queue later');`),
        file('upstream/domain/u.ts', `db.query('SELECT * FROM items');`),
      ]),
    ).toEqual([]);
  });
});
