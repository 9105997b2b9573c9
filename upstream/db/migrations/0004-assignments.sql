-- Leased batches. An item's current lease lives on the item row so leasing is one atomic UPDATE;
-- assignment_items remembers every item an assignment was ever given.
CREATE TABLE assignments (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  lease_expires_at timestamptz NOT NULL
);

CREATE TABLE assignment_items (
  assignment_id text NOT NULL REFERENCES assignments (id),
  item_id text NOT NULL REFERENCES items (id),
  PRIMARY KEY (assignment_id, item_id)
);

ALTER TABLE items
  ADD COLUMN lease_assignment_id text REFERENCES assignments (id),
  ADD COLUMN lease_expires_at timestamptz,
  -- The account whose latest decision on the item is final (not a skip); NULL while in the pool.
  ADD COLUMN final_account_id text REFERENCES accounts (id);

CREATE INDEX items_pool ON items (priority, created_at, id) WHERE final_account_id IS NULL;
