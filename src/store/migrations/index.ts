import { migration as m001 } from './001-initial.js';
import { migration as m003 } from './003-case-stats.js';
import { migration as m004 } from './004-reports-analysis.js';
import { migration as m005 } from './005-plain-allows.js';

/** One schema change: applied once, in version order, and recorded in `schema_migrations`. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** Plain SQL (several statements) that runs unchanged on PGlite and PostgreSQL. */
  readonly sql: string;
}

/**
 * Every migration, oldest first. Migrations are TypeScript modules (not .sql files read at run
 * time) so they travel with the code however it is bundled. Never edit an applied migration:
 * its checksum is recorded and a mismatch stops the start. Add 002-…, 003-… instead.
 */
export const MIGRATIONS: readonly Migration[] = [m001, m003, m004, m005];
