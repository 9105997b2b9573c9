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
    putAnalysisResult(r: StoredAnalysisResult): void {
      put.run(r.sha256, r.pipelineVersion, r.status, JSON.stringify(r.result), r.analysedAt);
    },
  };
}
