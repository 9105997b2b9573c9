import type { Migration } from './types';

/**
 * On-device analysis per media SHA-256, so each file is decoded, hashed and classified once and
 * the result survives restarts. pipeline_version lets a newer pipeline ignore older results.
 */
export const migration: Migration = {
  version: 5,
  name: 'analysis-results',
  sql: `
    CREATE TABLE analysis_results (
      sha256 TEXT PRIMARY KEY,
      pipeline_version INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('analysed', 'unanalysable')),
      result TEXT NOT NULL,
      analysed_at TEXT NOT NULL
    );
  `,
};
