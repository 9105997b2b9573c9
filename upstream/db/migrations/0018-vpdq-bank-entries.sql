-- Hash banks hold vPDQ video hashes too: kind 'vpdq', 66 hex digits per frame (its quality, then its
-- PDQ hash), 1 to 7200 frames (protocol VPDQ_FRAME_HEX, VPDQ_MAX_FRAMES).
ALTER TABLE hash_bank_entries DROP CONSTRAINT hash_bank_entries_kind_check;
-- The hash check reads two columns, so PostgreSQL named it after the table alone.
ALTER TABLE hash_bank_entries DROP CONSTRAINT hash_bank_entries_check;
ALTER TABLE hash_bank_entries ADD CONSTRAINT hash_bank_entries_kind_check CHECK (kind IN ('pdq', 'sha256', 'md5', 'vpdq'));
ALTER TABLE hash_bank_entries ADD CONSTRAINT hash_bank_entries_hash_check CHECK (
  hash ~ '^[0-9a-f]+$' AND CASE kind
    WHEN 'md5' THEN length(hash) = 32
    WHEN 'vpdq' THEN length(hash) % 66 = 0 AND length(hash) BETWEEN 66 AND 66 * 7200
    ELSE length(hash) = 64
  END
);
