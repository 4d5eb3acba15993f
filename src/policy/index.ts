export { DEFAULT_POLICY } from './default.js';
export type * from './types.js';
