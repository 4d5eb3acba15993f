/** The labelled population simulator (DESIGN.md §4 `sim/`). See docs/simulator.md. */
export { simulate, SIM_VERSION, type Population } from './simulate.js';
export { SIM_DEFAULTS, resolveOptions, type SimOptions } from './options.js';
export type { SubjectLabel, Loss } from './labels.js';
export { MONEY_PATHS, type MoneyPath } from './profiles.js';
export { OFFICIAL_NUMBERS } from './catalog.js';
export { summarize, type PopulationSummary } from './stats.js';
