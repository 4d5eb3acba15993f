import type { Migration } from './index.js';

/**
 * Reports keep what the analyzer read in their text (the family and the entities it found, which the
 * console suggests reporting too), the event time they entered the engine at, and who reviewed them.
 * Lists of reports are read newest first, optionally by status.
 */
export const migration: Migration = {
  version: 4,
  name: 'reports-analysis',
  sql: /* sql */ `
ALTER TABLE reports ADD COLUMN family text;
ALTER TABLE reports ADD COLUMN analysis jsonb;
ALTER TABLE reports ADD COLUMN t bigint;
ALTER TABLE reports ADD COLUMN reviewed_by bigint REFERENCES users (id);
ALTER TABLE reports ADD COLUMN reviewed_at timestamptz;
CREATE INDEX reports_status_id ON reports (status, id DESC);
`,
};
