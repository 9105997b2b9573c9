import type { Migration } from './types';

/**
 * Every time a moderator was shown more of an image than the default blurred grayscale preview:
 * clear reveals (hover_region, hold_full) with how long and how much was shown, and steps
 * (blur_step, grayscale_off). clear_served_at records that the clear image actually left the
 * core under a reveal, which is what an escalation report's fileViewedByEsp states. account_id
 * is the moderator, for exposure budgets.
 */
export const migration: Migration = {
  version: 8,
  name: 'reveal-log',
  sql: `
    CREATE TABLE reveal_log (
      id TEXT PRIMARY KEY,
      item_id TEXT NOT NULL,
      sha256 TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('hover_region', 'hold_full', 'blur_step', 'grayscale_off')),
      tier TEXT,
      account_id TEXT NOT NULL,
      started_at TEXT NOT NULL,
      ended_at TEXT,
      duration_ms INTEGER,
      area_fraction REAL,
      clear_served_at TEXT
    );
    CREATE INDEX reveal_log_by_sha ON reveal_log (sha256);
    CREATE INDEX reveal_log_by_account ON reveal_log (account_id, started_at);
  `,
};
