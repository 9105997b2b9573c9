-- The platform content under review: the accounts that posted it, content-addressed media, items.
CREATE TABLE platform_accounts (
  id text PRIMARY KEY,
  handle text NOT NULL,
  display_name text NOT NULL,
  created_at timestamptz NOT NULL,
  prior_strikes integer NOT NULL,
  prior_actions jsonb NOT NULL,
  followers integer NOT NULL,
  bio text NOT NULL
);

CREATE TABLE media (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  mime_type text NOT NULL,
  width integer NOT NULL,
  height integer NOT NULL,
  bytes bytea NOT NULL
);

CREATE TABLE items (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('post', 'comment', 'direct_message')),
  locale text NOT NULL,
  created_at timestamptz NOT NULL,
  source text NOT NULL CHECK (source IN ('user_report', 'proactive')),
  report_reason text,
  caption text,
  media jsonb NOT NULL,
  comments jsonb NOT NULL,
  thread jsonb NOT NULL,
  platform_account_id text NOT NULL REFERENCES platform_accounts (id),
  demo_tags jsonb NOT NULL,
  -- 0 sorts first: hash-bank matches jump the queue.
  priority smallint NOT NULL
);

CREATE INDEX items_platform_account ON items (platform_account_id);
