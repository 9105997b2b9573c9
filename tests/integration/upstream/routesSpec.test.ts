import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConfig, lint } from '@redocly/openapi-core';
import { parse } from 'yaml';
import { expect, test } from 'vitest';
import { API_VERSION, ROUTES } from '../../../upstream';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const specPath = path.join(repoRoot, 'upstream/openapi.yaml');
const spec = parse(readFileSync(specPath, 'utf8')) as {
  openapi: string;
  info: { version: string };
  paths: Record<string, Record<string, unknown>>;
};
const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

test('every server route is in openapi.yaml and every spec operation is served', () => {
  const served = ROUTES.map((r) => `${r.method} ${r.path}`).sort();
  const specified = Object.entries(spec.paths)
    .flatMap(([p, operations]) =>
      Object.keys(operations)
        .filter((m) => HTTP_METHODS.has(m))
        .map((m) => `${m.toUpperCase()} ${p}`),
    )
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
    .flatMap(([p, operations]) =>
      Object.entries(operations)
        .filter(([, op]) => Array.isArray((op as { security?: unknown[] }).security) && (op as { security: unknown[] }).security.length === 0)
        .map(([m]) => `${m.toUpperCase()} ${p}`),
    )
    .sort();
  expect(
    ROUTES.filter((r) => r.access === 'public')
      .map((r) => `${r.method} ${r.path}`)
      .sort(),
  ).toEqual(publicInSpec);
});

// What integrators' tools check: a YAML slip (an unquoted description with a comma turning into a
// stray key), an operation without a summary or a discriminator that cannot select its branch.
test("openapi.yaml passes Redocly's recommended rules with no errors or warnings", async () => {
  const config = await createConfig({ extends: ['recommended'] });
  const problems = await lint({ ref: specPath, config });
  const described = problems.map((p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer ?? '(no location)'}: ${p.message}`);
  expect(described).toEqual([]);
});
