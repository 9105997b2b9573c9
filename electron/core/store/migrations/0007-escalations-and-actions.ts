import type { Migration } from './types';

/**
 * Escalation drafts (the report as typed, as JSON), enforcement actions, and evidence pins.
 * Reports and actions reach the upstream through the existing outbox (kinds 'report' and
 * 'action'; its kind column is free text). A pin keeps an escalated item's media on this
 * workstation until the upstream acknowledges the report: nothing may purge pinned media.
 */
export const migration: Migration = {
  version: 7,
  name: 'escalations-and-actions',
  sql: `
    CREATE TABLE escalation_drafts (
      id TEXT PRIMARY KEY,
      item_id TEXT NOT NULL,
      assignment_id TEXT NOT NULL,
      account_id TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('child_safety', 'law_enforcement')),
      reason_code TEXT,
      report TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'queued', 'submitted', 'acknowledged')),
      report_id TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (account_id, item_id, kind)
    );
    CREATE INDEX escalation_drafts_by_status ON escalation_drafts (status);

    CREATE TABLE enforcement_actions (
      id TEXT PRIMARY KEY,
      account_id TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('content', 'account')),
      action TEXT NOT NULL,
      item_ids TEXT NOT NULL,
      platform_account_id TEXT,
      reason_code TEXT NOT NULL,
      params TEXT NOT NULL,
      note TEXT,
      decided_at TEXT NOT NULL,
      escalation_id TEXT REFERENCES escalation_drafts (id)
    );

    CREATE TABLE evidence_pins (
      sha256 TEXT NOT NULL,
      escalation_id TEXT NOT NULL REFERENCES escalation_drafts (id),
      pinned_at TEXT NOT NULL,
      PRIMARY KEY (sha256, escalation_id)
    );
  `,
};
