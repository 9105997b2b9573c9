-- Child-safety clearance: only cleared moderators are leased items that matched a child-safety
-- hash bank (by an exact hash the upstream knows) or were reported as child safety. Reviewing
-- such material takes training, support and a legal basis that not every reviewer has.
ALTER TABLE accounts ADD COLUMN child_safety_cleared boolean NOT NULL DEFAULT false;
