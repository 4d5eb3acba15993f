import type { Migration } from './index.js';

/**
 * Indexes for the statistics and the case workflow (helper B, issue 4). The decisions table has no
 * index beyond its key because the write path pays for every one; the statistics need the few
 * decisions that held or blocked money, so the index is partial and only those rows enter it.
 */
export const migration: Migration = {
  version: 3,
  name: 'case-stats',
  sql: /* sql */ `
-- Where people were stopped and the money held or blocked: hold/block decisions by event time.
CREATE INDEX decisions_stopped ON decisions (t) WHERE action IN ('hold', 'block');
-- Alerts by level and day of event time.
CREATE INDEX alerts_t ON alerts (t);
-- Resolved cases (false-alarm rate) by the event time their episode started.
CREATE INDEX cases_first_event_t ON cases (first_event_t);
`,
};
