import type { Migration } from './types';

/**
 * Exposure limits, kept on the workstation so they hold offline. wellness_policy is the last
 * wellness policy whose checksum verified. exposure_events is every preview core served: what
 * (the image and its harm category), how clear (tier, grayscale, the share shown clear) and for
 * how long, with the weight it carries in the exposure model; an event is open (ended_at NULL)
 * until core closes it. review_stretches are runs of review calls close together: review time,
 * and the gaps between them, breaks. items_shown is each item a moderator was shown, with the
 * highest severity known for it. breaks are the breaks core made due and how much of each was
 * spent away; caps_hit when a limit was reached; check_ins the moderator's 1-5, shared or not;
 * viewing_preferences their own safer settings.
 */
export const migration: Migration = {
  version: 10,
  name: 'wellness',
  sql: `
    CREATE TABLE wellness_policy (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      version INTEGER NOT NULL,
      policy TEXT NOT NULL,
      synced_at TEXT NOT NULL
    );

    CREATE TABLE exposure_events (
      id TEXT PRIMARY KEY,
      account_id TEXT NOT NULL,
      item_id TEXT NOT NULL,
      sha256 TEXT NOT NULL,
      category TEXT NOT NULL,
      severity TEXT NOT NULL CHECK (severity IN ('S0', 'S1', 'S2', 'S3')),
      view TEXT NOT NULL CHECK (view IN ('tier', 'lens', 'clear')),
      tier TEXT NOT NULL,
      grayscale INTEGER NOT NULL,
      width INTEGER NOT NULL,
      height INTEGER NOT NULL,
      area_fraction REAL NOT NULL CHECK (area_fraction BETWEEN 0 AND 1),
      lens_x REAL,
      lens_y REAL,
      lens_r REAL,
      reveal_id TEXT,
      weight REAL NOT NULL,
      policy_version INTEGER NOT NULL,
      started_at TEXT NOT NULL,
      ended_at TEXT,
      seconds REAL
    );
    CREATE INDEX exposure_by_account ON exposure_events (account_id, started_at);
    CREATE INDEX exposure_open ON exposure_events (account_id, item_id) WHERE ended_at IS NULL;
    CREATE INDEX exposure_by_reveal ON exposure_events (reveal_id) WHERE reveal_id IS NOT NULL;

    CREATE TABLE review_stretches (
      account_id TEXT NOT NULL,
      started_at TEXT NOT NULL,
      ended_at TEXT NOT NULL,
      PRIMARY KEY (account_id, started_at)
    );

    CREATE TABLE items_shown (
      account_id TEXT NOT NULL,
      item_id TEXT NOT NULL,
      first_shown_at TEXT NOT NULL,
      category TEXT NOT NULL,
      severity TEXT NOT NULL CHECK (severity IN ('S0', 'S1', 'S2', 'S3')),
      PRIMARY KEY (account_id, item_id)
    );
    CREATE INDEX items_shown_by_time ON items_shown (account_id, first_shown_at);

    CREATE TABLE breaks (
      id TEXT PRIMARY KEY,
      account_id TEXT NOT NULL,
      reason TEXT NOT NULL CHECK (reason IN ('minutes', 'high_severity_items')),
      due_at TEXT NOT NULL,
      required_seconds REAL NOT NULL,
      counted_seconds REAL NOT NULL DEFAULT 0,
      idle_from TEXT,
      idle_seen TEXT,
      done_at TEXT
    );
    CREATE INDEX breaks_open ON breaks (account_id) WHERE done_at IS NULL;

    CREATE TABLE caps_hit (
      account_id TEXT NOT NULL,
      cap TEXT NOT NULL,
      category TEXT NOT NULL,
      at TEXT NOT NULL,
      PRIMARY KEY (account_id, cap, category, at)
    );

    CREATE TABLE check_ins (
      id TEXT PRIMARY KEY,
      account_id TEXT NOT NULL,
      at TEXT NOT NULL,
      mood INTEGER NOT NULL CHECK (mood BETWEEN 1 AND 5),
      shared INTEGER NOT NULL
    );
    CREATE INDEX check_ins_by_account ON check_ins (account_id, at);

    CREATE TABLE viewing_preferences (
      account_id TEXT PRIMARY KEY,
      preferences TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
  `,
};
