import { FAMILY_ADVICE, GENERAL_ADVICE, SAFE_ADVICE, STAGE_ADVICE } from './advice.js';
import { APPS } from './apps.js';
import { FAMILIES } from './families.js';
import { ALIASES, CONDITIONALS, NEGATOR_EXCEPTIONS, NEGATORS, OTHER_SPEAKERS, SELF_SPEAKERS, WARNINGS } from './lexicon.js';
import { SIGNALS } from './signals/index.js';
import { PROVIDERS } from './providers.js';
import { STAGES } from './stages.js';
import type { Typology } from './types.js';

/** Bump on any change to signals, lexicon, weights or advice: assessments record it. */
export const TYPOLOGY_VERSION = 'kefuguard-typology@1.20.0';

export const TYPOLOGY: Typology = Object.freeze({
  version: TYPOLOGY_VERSION,
  stages: STAGES,
  families: FAMILIES,
  signals: SIGNALS,
  advice: { general: GENERAL_ADVICE, safe: SAFE_ADVICE, stages: STAGE_ADVICE, families: FAMILY_ADVICE },
  normalization: {
    aliases: ALIASES,
    negators: NEGATORS,
    negatorExceptions: NEGATOR_EXCEPTIONS,
    conditionals: CONDITIONALS,
    warnings: WARNINGS,
  },
  speakers: { self: SELF_SPEAKERS, other: OTHER_SPEAKERS },
  apps: APPS,
  providers: PROVIDERS,
});

export type * from './types.js';
export { STAGE_IDS, FAMILY_IDS } from './types.js';
export { REASONS, REASON_CODES, fillTemplate, type ReasonCode, type ReasonDef } from './reasons.js';
