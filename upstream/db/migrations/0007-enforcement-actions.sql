-- Enforcement actions moderators apply to content or accounts. Like decisions, the primary key on
-- the client's idempotency key makes retries write nothing twice.
CREATE TABLE enforcement_actions (
  idempotency_key text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id),
  kind text NOT NULL CHECK (kind IN ('content', 'account')),
  action text NOT NULL,
  item_ids jsonb NOT NULL,
  platform_account_id text REFERENCES platform_accounts (id),
  reason_code text NOT NULL REFERENCES reason_codes (code),
  params jsonb NOT NULL,
  decided_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  CHECK (kind = 'content' OR platform_account_id IS NOT NULL)
);

CREATE INDEX enforcement_actions_received ON enforcement_actions (received_at DESC);
CREATE INDEX enforcement_actions_platform_account ON enforcement_actions (platform_account_id, received_at DESC);

-- Which item each action touched, so "actions on this item" is an index lookup.
CREATE TABLE enforcement_action_items (
  idempotency_key text NOT NULL REFERENCES enforcement_actions (idempotency_key),
  item_id text NOT NULL REFERENCES items (id),
  PRIMARY KEY (item_id, idempotency_key)
);

-- The two final states later actions are checked against: removed content, terminated accounts.
ALTER TABLE items ADD COLUMN removed_by_action text REFERENCES enforcement_actions (idempotency_key);
ALTER TABLE platform_accounts ADD COLUMN terminated_by_action text REFERENCES enforcement_actions (idempotency_key);
