-- Reviewers work in teams: a supervisor audits their team's decisions and a wellness lead sees
-- their team's aggregate exposure. An account outside any team sees only its own work.
CREATE TABLE teams (
  id text PRIMARY KEY,
  name text NOT NULL
);

ALTER TABLE accounts ADD COLUMN team_id text REFERENCES teams (id);
CREATE INDEX accounts_by_team ON accounts (team_id);
