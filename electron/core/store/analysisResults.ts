import type { Db } from './database';

export interface StoredAnalysisResult {
  sha256: string;
  pipelineVersion: number;
  status: 'analysed' | 'unanalysable';
  /** The analysis service's own record, kept as JSON; it checks pipelineVersion before trusting it. */
  result: unknown;
  analysedAt: string;
}

/** On-device analysis results by media SHA-256. */
export function analysisResultQueries(db: Db) {
  const get = db.prepare(
    `SELECT sha256, pipeline_version AS pipelineVersion, status, result, analysed_at AS analysedAt
     FROM analysis_results WHERE sha256 = ?`,
  );
  const put = db.prepare(
    `INSERT INTO analysis_results (sha256, pipeline_version, status, result, analysed_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (sha256) DO UPDATE SET pipeline_version = excluded.pipeline_version, status = excluded.status,
       result = excluded.result, analysed_at = excluded.analysed_at`,
  );
  return {
    analysisResult(sha256: string): StoredAnalysisResult | null {
      const row = get.get(sha256) as (Omit<StoredAnalysisResult, 'result'> & { result: string }) | undefined;
      return row ? { ...row, result: JSON.parse(row.result) as unknown } : null;
    },
    /**
     * Committed without waiting for the disk (synchronous=NORMAL for this one commit, then back
     * to the connection's FULL): with FULL each result held the main thread 2-5 ms for an fsync.
     * An analysis can be made again from its media, so it need not survive a power cut; it does
     * survive the app being killed (the WAL is written before the commit returns), and the next
     * FULL commit (a decision) or checkpoint syncs it with everything before it. Inside a
     * caller's transaction the caller's commit decides.
     */
    putAnalysisResult(r: StoredAnalysisResult): void {
      const write = () => put.run(r.sha256, r.pipelineVersion, r.status, JSON.stringify(r.result), r.analysedAt);
      if (db.inTransaction) {
        write();
        return;
      }
      const synchronous = db.pragma('synchronous', { simple: true }) as number;
      db.pragma('synchronous = NORMAL');
      try {
        write();
      } finally {
        db.pragma(`synchronous = ${synchronous}`);
      }
    },
  };
}
