import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { expect, test } from 'vitest';
import { API_VERSION, ROUTES } from '../../../upstream';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const spec = parse(readFileSync(path.join(repoRoot, 'upstream/openapi.yaml'), 'utf8')) as {
  openapi: string;
  info: { version: string };
  paths: Record<string, Record<string, unknown>>;
};
const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

test('every server route is in openapi.yaml and every spec operation is served', () => {
  const served = ROUTES.map((r) => `${r.method} ${r.path}`).sort();
  const specified = Object.entries(spec.paths)
    .flatMap(([p, operations]) => Object.keys(operations).filter((m) => HTTP_METHODS.has(m)).map((m) => `${m.toUpperCase()} ${p}`))
    .sort();
  expect(new Set(served).size).toBe(served.length);
  expect(served).toEqual(specified);
});

test('the spec is OpenAPI 3.1 and states the version the server reports', () => {
  expect(spec.openapi).toBe('3.1.0');
  expect(spec.info.version).toBe(API_VERSION);
});

test('public routes in the code are exactly the spec operations with security: []', () => {
  const publicInSpec = Object.entries(spec.paths)
    .flatMap(([p, operations]) => Object.entries(operations).filter(([, op]) => Array.isArray((op as { security?: unknown[] }).security) && (op as { security: unknown[] }).security.length === 0).map(([m]) => `${m.toUpperCase()} ${p}`))
    .sort();
  expect(ROUTES.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.path}`).sort()).toEqual(publicInSpec);
});
