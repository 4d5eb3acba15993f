import type { Migration } from './index.js';

/**
 * Leaner event log rows for the projection (issue: sustained batch throughput).
 *
 * - **Plain allows keep their decision on the event row.** Almost every event is decided allow at level
 *   none with no reasons, no advice, not late and not a repeat; a `decisions` row (heap tuple, primary key
 *   entry, jsonb reasons, band and versions) cost as much as the event itself. Such a decision is now four
 *   columns of `events`: the score, stage and family, and `allow_band`, the key of its band and versions
 *   in `decision_bands` (a handful of rows: one per band text and policy/typology version). Every reader
 *   (decisions-repo, case timelines, money out of a case) reads both forms and returns the same decision
 *   objects; rows written before this migration keep their `decisions` rows and read as before.
 *   `allow_band` is NULL for every event whose decision is in `decisions`.
 * - **No foreign key from entity_links to entities.** Links are only written from entities just looked up
 *   or inserted in the same transaction, and entities are never deleted; the per-row check cost about a
 *   fifth of writing a batch's links.
 */
export const migration: Migration = {
  version: 5,
  name: 'plain-allows',
  sql: /* sql */ `
CREATE TABLE decision_bands (
  key              text PRIMARY KEY,
  band_id          text NOT NULL,
  band_zh          text NOT NULL,
  band_en          text NOT NULL,
  policy_version   text NOT NULL,
  typology_version text NOT NULL
);
ALTER TABLE events ADD COLUMN allow_score double precision;
ALTER TABLE events ADD COLUMN allow_stage text;
ALTER TABLE events ADD COLUMN allow_family text;
ALTER TABLE events ADD COLUMN allow_band text;
ALTER TABLE entity_links DROP CONSTRAINT entity_links_entity_id_fkey;
`,
};
