-- What workstations download and keep in step: policy, red-flag lexicons and hash banks. The
-- state tables hold the current version; sync_deltas is the append-only log clients follow with a
-- cursor (its seq), each row carrying the SHA-256 of its subject's canonical state after it.
CREATE TABLE sync_log (
  -- Cursors name the log they belong to, so a cursor from another database asks for a resync.
  epoch text PRIMARY KEY,
  singleton boolean NOT NULL DEFAULT true UNIQUE CHECK (singleton)
);
INSERT INTO sync_log (epoch) VALUES (replace(gen_random_uuid()::text, '-', ''));

CREATE TABLE sync_deltas (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('policy', 'lexicon', 'hash_bank')),
  -- 'policy', the lexicon's locale or the bank's id.
  subject text NOT NULL,
  from_version integer NOT NULL,
  to_version integer NOT NULL CHECK (to_version > from_version),
  payload jsonb NOT NULL,
  checksum text NOT NULL CHECK (checksum ~ '^[0-9a-f]{64}$'),
  published_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (kind, subject, to_version)
);

CREATE TABLE lexicons (
  locale text PRIMARY KEY,
  version integer NOT NULL CHECK (version > 0),
  updated_at timestamptz NOT NULL
);

CREATE TABLE lexicon_entries (
  locale text NOT NULL REFERENCES lexicons (locale),
  id text NOT NULL,
  phrase text NOT NULL,
  category text NOT NULL,
  severity smallint NOT NULL CHECK (severity BETWEEN 1 AND 3),
  PRIMARY KEY (locale, id)
);

CREATE TABLE hash_banks (
  id text PRIMARY KEY,
  name text NOT NULL,
  category text NOT NULL CHECK (category IN ('child_safety', 'terrorism', 'previously_actioned')),
  version integer NOT NULL CHECK (version > 0)
);

CREATE TABLE hash_bank_entries (
  bank_id text NOT NULL REFERENCES hash_banks (id),
  id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('pdq', 'sha256', 'md5')),
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]+$' AND length(hash) = CASE kind WHEN 'md5' THEN 32 ELSE 64 END),
  PRIMARY KEY (bank_id, id)
);
