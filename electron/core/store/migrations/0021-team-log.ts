import type { Migration } from './types';

/**
 * A supervisor's copy of their team's log, downloaded per period and worked with offline.
 * team_decisions holds one row per decision with what the log filters on; facets packs every
 * filter value into one integer (teamLogFacets) so a filtered page is a scan of small arrays,
 * and sample_key is a hash of the id that QA samples rank by. Notes are searchable through the
 * external-content FTS5 table team_notes, kept in step by triggers. audit_codes numbers the
 * values of the open-ended dimensions (moderators, categories, reason codes, bank categories).
 * QA samples, their re-reviews and verdicts, and appeal outcomes decided here live beside it;
 * what goes upstream goes through the outbox (kinds 'qa' and 'appeal').
 */
export const migration: Migration = {
  version: 21,
  name: 'team-log',
  sql: `
    CREATE TABLE audit_team (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      members TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE audit_periods (
      team_id TEXT NOT NULL,
      from_ms INTEGER NOT NULL,
      to_ms INTEGER NOT NULL,
      cursor TEXT,
      complete INTEGER NOT NULL DEFAULT 0,
      records INTEGER NOT NULL DEFAULT 0,
      pages INTEGER NOT NULL DEFAULT 0,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (team_id, from_ms, to_ms)
    );
    CREATE TABLE audit_codes (
      dim TEXT NOT NULL,
      value TEXT NOT NULL,
      code INTEGER NOT NULL,
      PRIMARY KEY (dim, value),
      UNIQUE (dim, code)
    );
    CREATE TABLE team_decisions (
      id TEXT NOT NULL UNIQUE,
      item_id TEXT NOT NULL,
      assignment_id TEXT NOT NULL,
      moderator_id TEXT NOT NULL,
      action TEXT NOT NULL,
      reason_code TEXT,
      category TEXT NOT NULL,
      queue TEXT NOT NULL,
      severity TEXT NOT NULL,
      note TEXT,
      decided_at INTEGER NOT NULL,
      received_at TEXT NOT NULL,
      supersedes TEXT,
      bank_category TEXT,
      classifier_band TEXT,
      grooming_level TEXT,
      handling_ms INTEGER,
      clear_reveals INTEGER,
      clear_ms INTEGER,
      workstation_id TEXT,
      chain_seq INTEGER,
      chain_prev TEXT,
      chain_hash TEXT,
      item_kind TEXT NOT NULL,
      item_locale TEXT NOT NULL,
      item_text TEXT NOT NULL,
      outcome TEXT NOT NULL DEFAULT 'unreviewed',
      facets INTEGER NOT NULL,
      sample_key INTEGER NOT NULL
    );
    CREATE INDEX team_decisions_by_time ON team_decisions (decided_at);
    CREATE INDEX team_decisions_by_handling ON team_decisions (handling_ms);
    CREATE INDEX team_decisions_by_chain ON team_decisions (workstation_id, chain_seq);
    CREATE INDEX team_decisions_by_item ON team_decisions (item_id);
    CREATE INDEX team_decisions_by_supersedes ON team_decisions (supersedes) WHERE supersedes IS NOT NULL;

    CREATE VIRTUAL TABLE team_notes USING fts5(note, content='team_decisions', content_rowid='rowid');
    CREATE TRIGGER team_notes_insert AFTER INSERT ON team_decisions WHEN new.note IS NOT NULL BEGIN
      INSERT INTO team_notes (rowid, note) VALUES (new.rowid, new.note);
    END;
    CREATE TRIGGER team_notes_delete AFTER DELETE ON team_decisions WHEN old.note IS NOT NULL BEGIN
      INSERT INTO team_notes (team_notes, rowid, note) VALUES ('delete', old.rowid, old.note);
    END;
    CREATE TRIGGER team_notes_update AFTER UPDATE OF note ON team_decisions BEGIN
      INSERT INTO team_notes (team_notes, rowid, note) SELECT 'delete', old.rowid, old.note WHERE old.note IS NOT NULL;
      INSERT INTO team_notes (rowid, note) SELECT new.rowid, new.note WHERE new.note IS NOT NULL;
    END;

    CREATE TABLE team_qa (
      id TEXT PRIMARY KEY,
      decision_id TEXT NOT NULL,
      reviewer_id TEXT NOT NULL,
      action TEXT NOT NULL,
      reason_code TEXT,
      verdict TEXT NOT NULL CHECK (verdict IN ('agree', 'overturn')),
      reason TEXT,
      reviewed_at TEXT NOT NULL
    );
    CREATE INDEX team_qa_by_decision ON team_qa (decision_id);
    CREATE TABLE team_appeals (
      id TEXT PRIMARY KEY,
      decision_id TEXT NOT NULL,
      moderator_id TEXT NOT NULL,
      statement TEXT NOT NULL,
      created_at TEXT NOT NULL,
      outcome TEXT CHECK (outcome IN ('upheld', 'overturned')),
      reason TEXT,
      decided_by TEXT,
      decided_at TEXT,
      -- The outbox key of an outcome decided here; null for outcomes that came down decided.
      local_key TEXT
    );
    CREATE INDEX team_appeals_by_decision ON team_appeals (decision_id);
    CREATE TABLE team_corrections (
      id TEXT PRIMARY KEY,
      decision_id TEXT NOT NULL,
      source TEXT NOT NULL,
      action TEXT NOT NULL,
      reason_code TEXT,
      reason TEXT NOT NULL,
      corrected_by TEXT NOT NULL,
      corrected_at TEXT NOT NULL
    );
    CREATE INDEX team_corrections_by_decision ON team_corrections (decision_id);
    CREATE TABLE team_actions (
      id TEXT PRIMARY KEY,
      moderator_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      action TEXT NOT NULL,
      item_ids TEXT NOT NULL,
      reason_code TEXT NOT NULL,
      decided_at TEXT NOT NULL
    );
    CREATE TABLE team_escalations (
      id TEXT PRIMARY KEY,
      item_id TEXT NOT NULL,
      moderator_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      status TEXT NOT NULL,
      received_at TEXT NOT NULL
    );
    CREATE INDEX team_escalations_by_item ON team_escalations (item_id);
    CREATE TABLE team_chain_heads (
      workstation_id TEXT PRIMARY KEY,
      account_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      hash TEXT NOT NULL,
      reported_at TEXT NOT NULL
    );

    CREATE TABLE qa_samples (
      id TEXT PRIMARY KEY,
      seed INTEGER NOT NULL,
      size INTEGER NOT NULL,
      mode TEXT NOT NULL,
      stratify_by TEXT,
      from_ms INTEGER,
      to_ms INTEGER,
      created_at TEXT NOT NULL
    );
    CREATE TABLE qa_sample_items (
      sample_id TEXT NOT NULL REFERENCES qa_samples (id),
      position INTEGER NOT NULL,
      decision_id TEXT NOT NULL,
      stratum TEXT,
      review_action TEXT,
      review_reason_code TEXT,
      review_note TEXT,
      reviewed_at TEXT,
      verdict TEXT CHECK (verdict IN ('agree', 'overturn')),
      verdict_reason TEXT,
      -- The outbox key the verdict travels under (also its team_qa id).
      verdict_key TEXT,
      PRIMARY KEY (sample_id, position),
      UNIQUE (sample_id, decision_id)
    );

    -- A moderator's corrections: QA overturns and appeal outcomes of their decisions, from GET /corrections.
    CREATE TABLE my_corrections (
      id TEXT PRIMARY KEY,
      account_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      decision_id TEXT NOT NULL,
      item_id TEXT NOT NULL,
      source TEXT NOT NULL,
      action TEXT NOT NULL,
      reason_code TEXT,
      reason TEXT NOT NULL,
      corrected_by TEXT NOT NULL,
      corrected_at TEXT NOT NULL,
      seen_at TEXT
    );
    CREATE INDEX my_corrections_by_account ON my_corrections (account_id, seq);
  `,
};
