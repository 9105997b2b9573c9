import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const rendererRoot = path.join(repoRoot, 'renderer');
const forbidden = ['electron/core', 'electron/main', 'electron/web', 'electron/preload', 'upstream', 'protocol'].map((dir) =>
  path.join(repoRoot, dir),
);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

const importPattern = /(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

describe('renderer layering', () => {
  it('imports only the API contract from electron/, never core, main, web, preload, upstream or the protocol', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(rendererRoot)) {
      for (const match of readFileSync(file, 'utf8').matchAll(importPattern)) {
        const specifier = match[1] ?? match[2] ?? match[3] ?? '';
        if (specifier === 'electron' || specifier.startsWith('electron/')) offenders.push(`${file}: ${specifier}`);
        // The workspace packages: the protocol reaches the renderer only through electron/api.
        if (specifier.startsWith('@workstation/')) offenders.push(`${path.relative(repoRoot, file)}: ${specifier}`);
        if (!specifier.startsWith('.')) continue;
        const target = path.resolve(path.dirname(file), specifier);
        if (forbidden.some((dir) => target === dir || target.startsWith(dir + path.sep))) {
          offenders.push(`${path.relative(repoRoot, file)}: ${specifier}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('sees the renderer’s imports at all (guards against a pattern that matches nothing)', () => {
    const text = readFileSync(path.join(rendererRoot, 'api/webClient.ts'), 'utf8');
    const specifiers = [...text.matchAll(importPattern)].map((m) => m[1] ?? m[2] ?? m[3]);
    expect(specifiers).toContain('../../electron/api');
  });
});
