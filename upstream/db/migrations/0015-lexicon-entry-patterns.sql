-- Lexicon entries that show a grooming stage name it (pattern), may match by a regular expression
-- over the normalised text instead of by words (regex; the workstation refuses an unsafe one), and
-- carry the text they must not match (near_misses). All optional: older entries have none.
ALTER TABLE lexicon_entries
  ADD COLUMN pattern text,
  ADD COLUMN regex text,
  ADD COLUMN near_misses jsonb;
