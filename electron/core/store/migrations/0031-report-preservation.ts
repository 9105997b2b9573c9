import type { Migration } from './types';

/** What the upstream says of a report's preservation (JSON: status, requested, acknowledged, expires), once it has listed the report. */
export const migration: Migration = {
  version: 31,
  name: 'report-preservation',
  sql: `ALTER TABLE escalation_drafts ADD COLUMN preservation TEXT;`,
};
