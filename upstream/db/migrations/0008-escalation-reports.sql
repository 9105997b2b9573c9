-- Child-safety (CyberTipline-shaped) and law-enforcement reports. The report is kept whole as
-- the moderator's workstation sent it; the columns beside it are what lists filter and sort on.
CREATE TABLE escalation_reports (
  id text PRIMARY KEY,
  idempotency_key text NOT NULL UNIQUE,
  account_id text NOT NULL REFERENCES accounts (id),
  kind text NOT NULL CHECK (kind IN ('child_safety', 'law_enforcement')),
  status text NOT NULL CHECK (status IN ('received', 'acknowledged')),
  item_id text NOT NULL REFERENCES items (id),
  incident_type text,
  incident_at timestamptz NOT NULL,
  reported_platform_account_id text NOT NULL REFERENCES platform_accounts (id),
  report jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  acknowledged_at timestamptz,
  acknowledged_by text REFERENCES accounts (id),
  CHECK ((status = 'acknowledged') = (acknowledged_at IS NOT NULL))
);

CREATE INDEX escalation_reports_status ON escalation_reports (status, received_at DESC);
CREATE INDEX escalation_reports_account ON escalation_reports (account_id, received_at DESC);
CREATE INDEX escalation_reports_item ON escalation_reports (item_id);
CREATE INDEX escalation_reports_reported ON escalation_reports (reported_platform_account_id);
