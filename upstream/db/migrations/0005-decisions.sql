-- Every accepted decision, corrections included. The primary key on the client's idempotency key
-- is what makes retries (even concurrent ones) write nothing twice.
CREATE TABLE decisions (
  idempotency_key text PRIMARY KEY,
  item_id text NOT NULL REFERENCES items (id),
  assignment_id text NOT NULL REFERENCES assignments (id),
  account_id text NOT NULL REFERENCES accounts (id),
  action text NOT NULL CHECK (action IN ('approve', 'remove', 'escalate', 'skip')),
  reason_code text REFERENCES reason_codes (code),
  note text,
  decided_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  supersedes text
);

CREATE INDEX decisions_item ON decisions (item_id, decided_at DESC);
CREATE INDEX decisions_account ON decisions (account_id, received_at DESC);
CREATE INDEX decisions_received ON decisions (received_at DESC);
