-- A team's audit log. Decisions carry what the deciding workstation knew (signals, handling time,
-- clear viewing) and their link in that workstation's hash chain; supervisors' QA results and
-- appeal outcomes are kept, and an overturn becomes a correction the moderator reads on next sync.
ALTER TABLE decisions
  ADD COLUMN signals jsonb,
  ADD COLUMN handling_ms integer,
  ADD COLUMN viewing jsonb,
  ADD COLUMN workstation_id text,
  ADD COLUMN chain_seq integer,
  ADD COLUMN chain_prev text CHECK (chain_prev ~ '^[0-9a-f]{64}$'),
  ADD COLUMN chain_hash text CHECK (chain_hash ~ '^[0-9a-f]{64}$'),
  ADD CONSTRAINT decisions_chain_whole CHECK ((workstation_id IS NULL) = (chain_hash IS NULL) AND (chain_hash IS NULL) = (chain_seq IS NULL));

-- The log pages through a period in (decided_at, key) order.
CREATE INDEX decisions_decided ON decisions (decided_at, idempotency_key);

CREATE TABLE qa_reviews (
  idempotency_key text PRIMARY KEY,
  decision_key text NOT NULL REFERENCES decisions (idempotency_key),
  reviewer_id text NOT NULL REFERENCES accounts (id),
  action text NOT NULL CHECK (action IN ('approve', 'remove', 'escalate', 'skip')),
  reason_code text REFERENCES reason_codes (code),
  note text,
  verdict text NOT NULL CHECK (verdict IN ('agree', 'overturn')),
  reason text,
  reviewed_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  CHECK (verdict = 'agree' OR reason IS NOT NULL)
);
CREATE INDEX qa_reviews_decision ON qa_reviews (decision_key);

CREATE TABLE appeals (
  id text PRIMARY KEY,
  decision_key text NOT NULL REFERENCES decisions (idempotency_key),
  statement text NOT NULL,
  created_at timestamptz NOT NULL,
  outcome text CHECK (outcome IN ('upheld', 'overturned')),
  reason text,
  decided_by text REFERENCES accounts (id),
  decided_at timestamptz,
  -- The upload that decided it, so a retry of that upload is a duplicate, not a conflict.
  decided_key text UNIQUE,
  CHECK ((outcome IS NULL) = (decided_by IS NULL))
);
CREATE INDEX appeals_decision ON appeals (decision_key);

-- seq orders a moderator's corrections for GET /corrections?since.
CREATE TABLE corrections (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text NOT NULL UNIQUE,
  decision_key text NOT NULL REFERENCES decisions (idempotency_key),
  source text NOT NULL CHECK (source IN ('qa', 'appeal')),
  action text NOT NULL CHECK (action IN ('approve', 'remove', 'escalate', 'skip')),
  reason_code text REFERENCES reason_codes (code),
  reason text NOT NULL,
  corrected_by text NOT NULL REFERENCES accounts (id),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX corrections_decision ON corrections (decision_key);

-- Every chain head a workstation reported; chains only grow, so the latest is the highest seq.
CREATE TABLE chain_heads (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workstation_id text NOT NULL,
  account_id text NOT NULL REFERENCES accounts (id),
  seq integer NOT NULL CHECK (seq >= 0),
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  reported_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX chain_heads_workstation ON chain_heads (workstation_id, seq DESC);
