-- The wellness policy: exposure limits and viewing rules a wellness lead writes, each save a new
-- version. Versions reach workstations through the sync log as the wellness_policy subject.
CREATE TABLE wellness_policy_versions (
  version integer PRIMARY KEY CHECK (version > 0),
  policy jsonb NOT NULL,
  -- NULL for the version every upstream starts with.
  saved_by text REFERENCES accounts (id),
  saved_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE sync_deltas DROP CONSTRAINT sync_deltas_kind_check;
ALTER TABLE sync_deltas ADD CONSTRAINT sync_deltas_kind_check CHECK (kind IN ('policy', 'lexicon', 'hash_bank', 'wellness_policy'));
