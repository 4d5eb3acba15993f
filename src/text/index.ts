export { TextAnalyzer, ConversationStream, type StreamOptions } from './analyzer.js';
export type { Assessment, AssessedNgram, AssessedSignal, Span, Verdict } from './assessment.js';
export type { ConversationInput, Turn, ParsedTurn, SpeakerRole } from './conversation.js';
export type { Entity, EntityType } from './entities.js';
export { loadModel, priorModel, type ScorerModel } from './scorer.js';
export { normalize, AliasTable, type NormalizedText } from './normalize.js';
