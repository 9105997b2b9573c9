/**
 * Every call of the contract, fuzzed from its own zod schema: a plausible input is derived from the
 * schema, then one field at a time (or the whole input) is replaced by something hostile — wrong
 * types, huge strings, deep nesting, __proto__ and constructor keys, NaN, negative zero, control
 * characters. Dispatched in-process, as the Electron IPC transport does (structured clone carries
 * NaN and -0, which JSON cannot). Each refusal must be an ApiError a person can read (never an
 * internal error), nothing may be written by a refused call, and no prototype may be polluted.
 */
import fc from 'fast-check';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ApiError, type CallName, contract } from '../../../electron/api';
import { createCore, type Core } from '../../../electron/core';
import { createTestPlatform } from '../../../electron/core/platform/testing';
import { startUpstream, type Upstream } from '../../../upstream';
import { fieldPaths, plausible, setAt } from '../../support/schemaSamples';
import { tempDir } from '../../unit/store/fixtures';
import { rowCounts, storeRootKeyOf } from '../../support/storeFile';

const RUNS_PER_CALL = 60;
const WRITTEN_TABLES = ['decisions', 'outbox', 'enforcement_actions', 'escalation_drafts', 'evidence_pins', 'reveal_log', 'settings'];

let tmp: ReturnType<typeof tempDir>;
let upstream: Upstream;
let core: Core;
let dbFile: string;
let rootKey: string;

const deep = (levels: number): unknown => (levels === 0 ? 'bottom' : { inner: deep(levels - 1) });

const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(Number.NaN, -0, Infinity, -Infinity, 2 ** 53, -1, 1e308, null, true, '', [], {}),
  fc.constantFrom('x'.repeat(100_000), '\u0000', 'a\u001bb', '\ud800', '../../etc/passwd', "'; DROP TABLE decisions; --"),
  fc.constantFrom(deep(200), JSON.parse('{"__proto__": {"polluted": true}}') as unknown, { constructor: { prototype: { polluted: true } } }),
  fc.anything({ maxDepth: 4, withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true }),
);

const writtenRows = (): Record<string, number> => rowCounts(dbFile, rootKey, WRITTEN_TABLES);

beforeAll(async () => {
  tmp = tempDir('fuzz');
  dbFile = path.join(tmp.dir, 'data', 'workstation.db');
  upstream = await startUpstream({ port: 0, size: 12, seed: 9 });
  const platform = createTestPlatform(path.join(tmp.dir, 'data'));
  core = await createCore({ platform, upstreamUrl: upstream.url, dbFile, syncPollMs: 3_600_000 });
  rootKey = await storeRootKeyOf(platform.keychain);
  await core.dispatch('session.login', { username: 'mod1', password: 'demo' });
  await core.dispatch('queue.lease', { size: 4 });
});

afterAll(async () => {
  await core?.close();
  await upstream?.close();
  tmp?.remove();
});

/** Calls whose plausible input succeeds and writes by design: fuzzed, but their successes may write. */
const WRITES_WHEN_VALID = new Set<CallName>(['queue.lease', 'session.login', 'session.logout']);

it('refuses hostile input to every call with a readable ApiError, writes nothing and pollutes nothing', async () => {
  const names = Object.keys(contract) as CallName[];
  expect(names.length).toBeGreaterThan(15);
  const counts: string[] = [];
  for (const name of names) {
    if (name === 'session.logout') continue; // Fuzzing it would sign the rest of the run out.
    const schema = contract[name].input;
    const base = plausible(schema) as Record<string, unknown>;
    const paths = fieldPaths(schema);
    let refused = 0;
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(hostile, fc.nat(), async (value, pick) => {
        const input = paths.length === 0 || pick % (paths.length + 1) === paths.length ? value : setAt(base, paths[pick % paths.length]!, value);
        const before = writtenRows();
        try {
          await core.dispatch(name, input);
          accepted++;
        } catch (error) {
          if (!(error instanceof ApiError)) throw new Error(`${name} threw a ${String((error as Error)?.name)}: ${String(error)}`, { cause: error });
          if (error.code === 'internal' || error.code === 'upstream_unavailable')
            throw new Error(`${name} answered ${error.code}: ${error.message}`, { cause: error });
          expect(error.message.length).toBeGreaterThan(10);
          refused++;
          if (!WRITES_WHEN_VALID.has(name)) expect(writtenRows(), `${name} wrote although it refused`).toEqual(before);
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: RUNS_PER_CALL, seed: 20261130 },
    );
    counts.push(`${name}: ${refused} refused, ${accepted} accepted`);
  }
  console.log(`[fuzz] ${RUNS_PER_CALL} hostile inputs per call, seed 20261130\n  ${counts.join('\n  ')}`);
  // The workstation still serves after all of it.
  expect(await core.dispatch('session.current', {})).toMatchObject({ account: { username: 'mod1' } });
}, 240_000);

it('refuses hostile preview requests (the media route beside the calls) with a readable ApiError', async () => {
  let refused = 0;
  await fc.assert(
    fc.asyncProperty(hostile, fc.constantFrom('itemId', 'sha256', 'tier', 'grayscale', 'revealId', 'whole'), async (value, field) => {
      const request = field === 'whole' ? value : { itemId: 'x', sha256: 'a'.repeat(64), tier: 'heavy', grayscale: true, [field]: value };
      const error = await core.preview(request).then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).code).not.toBe('internal');
      refused++;
    }),
    { numRuns: 200, seed: 20261130 },
  );
  console.log(`[fuzz] preview route: ${refused} hostile requests refused`);
});
