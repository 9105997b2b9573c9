-- What workstations report of their moderators' exposure: one row per moderator and day, and one
-- per moderator, day and harm category. Never per item. A newer upload of a day replaces an older
-- one (computed_at), so a workstation may send its day as often as it changes. shared_mood is
-- set only when the moderator chose to share the day's check-in; it is only ever read back as a
-- team average of at least three people.
CREATE TABLE wellness_days (
  account_id text NOT NULL REFERENCES accounts (id),
  day date NOT NULL,
  idempotency_key text NOT NULL,
  computed_at timestamptz NOT NULL,
  policy_version integer NOT NULL,
  review_minutes real NOT NULL,
  longest_stretch_minutes real NOT NULL,
  shifts integer NOT NULL,
  breaks_taken integer NOT NULL,
  high_severity_items integer NOT NULL,
  peak_shift_high_severity_items integer NOT NULL,
  caps_hit jsonb NOT NULL,
  shared_mood smallint CHECK (shared_mood BETWEEN 1 AND 5),
  PRIMARY KEY (account_id, day)
);

CREATE TABLE wellness_day_categories (
  account_id text NOT NULL,
  day date NOT NULL,
  category text NOT NULL,
  viewed_seconds real NOT NULL,
  clear_seconds real NOT NULL,
  weighted_seconds real NOT NULL,
  items integer NOT NULL,
  peak_hour_clear_seconds real NOT NULL,
  peak_shift_clear_seconds real NOT NULL,
  PRIMARY KEY (account_id, day, category),
  FOREIGN KEY (account_id, day) REFERENCES wellness_days (account_id, day) ON DELETE CASCADE
);
CREATE INDEX wellness_days_by_day ON wellness_days (day);
