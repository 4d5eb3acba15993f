export { RiskEngine, type EngineOptions, type EngineSnapshot, type EngineStats, repeatOf } from './engine.js';
export type { Decision, DecisionReason } from './decision.js';
export { ACTIONS, LEVELS } from './decision.js';
export { serializeDecision } from './serialize.js';
export { advance, type ActiveReason, type JourneyContext, type JourneyStep } from './journey.js';
export { newSubjectState, type SubjectState } from './state.js';
export { Knowledge, hostOf, phoneKey } from './knowledge.js';
export { NetworkIndex, entityKey } from './network.js';
