import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/core/store';
import { analysisResultQueries } from '../../../electron/core/store/analysisResults';
import { openDatabase } from '../../../electron/core/store/database';
import { tempDir } from './fixtures';

const FULL = 2;
const ROOT_KEY = 'ab'.repeat(32);
const PUT_THEN_DIE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'support', 'putAnalysisThenDie.ts');
const result = (sha256: string) => ({
  sha256,
  pipelineVersion: 3,
  status: 'analysed' as const,
  result: { sha256 },
  analysedAt: '2025-03-01T12:00:00.000Z',
});

describe('analysis results are committed without waiting for the disk', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir('analysis-results');
  });
  afterEach(() => tmp.remove());

  it('leaves the connection at synchronous=FULL for the decisions written after it, in or out of a transaction', () => {
    const db = openDatabase(path.join(tmp.dir, 'w.db'));
    const queries = analysisResultQueries(db);
    queries.putAnalysisResult(result('a'.repeat(64)));
    expect(db.pragma('synchronous', { simple: true })).toBe(FULL);
    db.transaction(() => queries.putAnalysisResult(result('b'.repeat(64))))();
    expect(db.pragma('synchronous', { simple: true })).toBe(FULL);
    expect([queries.analysisResult('a'.repeat(64))?.status, queries.analysisResult('b'.repeat(64))?.status]).toEqual(['analysed', 'analysed']);
    db.close();
  });

  it('keeps a result stored just before the process is killed with SIGKILL', () => {
    const file = path.join(tmp.dir, 'w.db');
    const sha256 = 'c'.repeat(64);
    const child = spawnSync(process.execPath, ['--import', 'tsx', PUT_THEN_DIE, file, ROOT_KEY, sha256], { encoding: 'utf8' });
    expect([child.signal, child.stderr]).toEqual(['SIGKILL', '']);
    const store = openStore(file, { rootKey: ROOT_KEY });
    expect(store.analysisResult(sha256)?.result).toEqual({ sha256, marker: 'kept' });
    store.close();
  });
});
