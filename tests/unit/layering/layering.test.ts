import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Layer, LAYERS } from './layers';
import { layeringViolations, looksLikeSql, moduleSpecifiers, stringLiterals, type SourceFile } from './rules';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const SKIPPED_DIRS = new Set(['node_modules', 'out', 'dist', 'coverage', 'fixtures', 'screenshots', '.git', 'build', 'docs']);

function sourceFiles(dir: string): SourceFile[] {
  return readdirSync(path.join(repoRoot, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = dir === '.' ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) || entry.name.startsWith('.') ? [] : sourceFiles(relative);
    return /\.(?:ts|tsx|mts|cts)$/.test(entry.name) || entry.name === 'eslint.config.js'
      ? [{ path: relative, text: readFileSync(path.join(repoRoot, relative), 'utf8') }]
      : [];
  });
}

const repoFiles = sourceFiles('.');
const onDisk = (repoPath: string) => existsSync(path.join(repoRoot, repoPath)) && !readdirSafe(repoPath);
function readdirSafe(repoPath: string): boolean {
  try {
    readdirSync(path.join(repoRoot, repoPath));
    return true;
  } catch {
    return false;
  }
}

describe('layering of the repository (tests/unit/layering/layers.ts)', () => {
  it('scans the real tree, imports and SQL included (guards against a walk that finds nothing)', () => {
    const paths = repoFiles.map((f) => f.path);
    for (const expected of [
      'electron/core/index.ts',
      'electron/main/index.ts',
      'renderer/main.tsx',
      'upstream/index.ts',
      'tests/unit/layering/layers.ts',
    ]) {
      expect(paths).toContain(expected);
    }
    expect(repoFiles.filter((f) => moduleSpecifiers(f).includes('electron')).length).toBeGreaterThan(0);
    const store = repoFiles.filter((f) => f.path.startsWith('electron/core/store/'));
    expect(store.flatMap(stringLiterals).filter(looksLikeSql).length).toBeGreaterThan(10);
  });

  it('has no violation: every file in a layer, every import along a listed edge and through a public face', () => {
    expect(layeringViolations(repoFiles, onDisk)).toEqual([]);
  });
});

describe('each rule fires', () => {
  const files: Record<string, string> = {};
  const exists = (p: string) => p in files;
  const check = (file: string, text: string, layers: readonly Layer[] = LAYERS) => {
    files[file] = text;
    return layeringViolations([{ path: file, text }], exists, layers).map((v) => `${v.rule}: ${v.detail}`);
  };
  for (const target of [
    'electron/core/store/index.ts',
    'electron/core/store/decisions.ts',
    'electron/core/review/index.ts',
    'electron/core/platform/node.ts',
    'electron/core/index.ts',
    'electron/api/index.ts',
    'upstream/index.ts',
    'protocol/index.ts',
    'stray/thing.ts',
  ]) {
    files[target] = '';
  }

  it('a file no layer covers is an error', () => {
    expect(check('stray/new.ts', '')).toEqual(['unlayered-file: no layer in tests/unit/layering/layers.ts covers this file']);
  });

  it('an import of a repo file no layer covers is an error', () => {
    expect(check('electron/core/review/a.ts', `import x from '../../../stray/thing';`)).toEqual([
      'unlayered-target: ../../../stray/thing (stray/thing.ts)',
    ]);
  });

  it('an import that resolves to nothing is an error', () => {
    expect(check('electron/core/review/b.ts', `import x from './missing';`)).toEqual(['unresolved-import: ./missing']);
  });

  it('edges not in the table are refused, in every direction', () => {
    expect(check('renderer/a.ts', `import { createCore } from '../electron/core';`)).toEqual([
      'edge-not-allowed: renderer -> core (../electron/core)',
    ]);
    expect(check('renderer/b.ts', `import { x } from '@workstation/protocol';`)).toEqual([
      'edge-not-allowed: renderer -> protocol (@workstation/protocol)',
    ]);
    expect(check('upstream/c.ts', `import { createCore } from '../electron/core';`)).toEqual([
      'edge-not-allowed: upstream -> core (../electron/core)',
    ]);
    expect(check('electron/core/store/d.ts', `import { decide } from '../review';`)).toEqual([
      'edge-not-allowed: core/store -> core/review (../review)',
    ]);
    expect(check('electron/web/e.ts', `import { startUpstream } from '@workstation/upstream';`)).toEqual([
      'edge-not-allowed: web -> upstream (@workstation/upstream)',
    ]);
    expect(check('protocol/f.ts', `import { ApiError } from '../electron/api';`)).toEqual(['edge-not-allowed: protocol -> api (../electron/api)']);
  });

  it('listed edges pass, tests and scripts may reach anything, and type-only imports are checked like any other', () => {
    expect(check('renderer/ok.ts', `import type { CallName } from '../electron/api';`)).toEqual([]);
    expect(check('electron/core/review/ok.ts', `import type { Store } from '../store';`)).toEqual([]);
    expect(check('upstream/ok.ts', `import { x } from '@workstation/protocol';`)).toEqual([]);
    expect(check('tests/unit/ok.ts', `import { openStore } from '../../electron/core/store/decisions';`)).toEqual([]);
    expect(check('electron/web/ok.ts', `import { createNodePlatform } from '../core/platform/node';`)).toEqual([]);
    files['renderer/x.ts'] = '';
    expect(check('electron/core/review/type-only.ts', `import type { X } from '../../../renderer/x';`)).toEqual([
      'edge-not-allowed: core/review -> renderer (../../../renderer/x)',
    ]);
  });

  it('reaching behind a service face is refused', () => {
    expect(check('electron/core/review/c.ts', `import { decisionQueries } from '../store/decisions';`)).toEqual([
      "not-a-face: ../store/decisions reaches behind core/store's public face (electron/core/store/index.ts)",
    ]);
  });

  it('the protocol imports only its own few packages', () => {
    expect(check('protocol/x.ts', `import { z } from 'zod';\nimport { createHash } from 'node:crypto';`)).toEqual([]);
    expect(check('protocol/y.ts', `import sharp from 'sharp';`)).toEqual([
      'package-not-allowed: protocol may import only zod, node:crypto, not sharp',
    ]);
  });

  it("'electron' anywhere but main and preload; Node built-ins in the renderer", () => {
    expect(check('electron/web/x.ts', `import { app } from 'electron';`)).toEqual(['electron-outside-main: electron']);
    expect(check('electron/core/review/x.ts', `const { net } = await import('electron');`)).toEqual(['electron-outside-main: electron']);
    expect(check('renderer/x.ts', `import fs from 'node:fs';`)).toEqual(['node-in-renderer: node:fs']);
    expect(check('electron/main/x.ts', `import { app } from 'electron';`)).toEqual([]);
    expect(check('electron/preload/x.ts', `import { contextBridge } from 'electron';`)).toEqual([]);
  });

  it('SQL in string literals under electron/ outside the store, never in comments or prose', () => {
    expect(check('electron/core/review/sql.ts', `db.prepare('SELECT id FROM items WHERE id = ?');`)).toEqual([
      'sql-outside-store: SELECT id FROM items WHERE id = ?',
    ]);
    expect(check('electron/web/sql.ts', 'const q = `UPDATE items SET status = ${s} WHERE id = ?`;')).toHaveLength(1);
    expect(check('electron/main/sql.ts', `exec("delete from decisions where id = 1");`)).toHaveLength(1);
    expect(check('electron/core/store/ok.ts', `db.prepare('SELECT * FROM items');`)).toEqual([]);
    expect(
      check('electron/core/review/prose.ts', `// SELECT * FROM items\nthrow new Error('Select an item from the list, then delete from the cache.');`),
    ).toEqual([]);
    expect(check('upstream/sql.ts', `db.query('SELECT * FROM items');`)).toEqual([]);
  });
});
