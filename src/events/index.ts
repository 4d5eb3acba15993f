export * from './schema.js';
export { validateEvent, isEventType, type FieldError, type TimedEvent, type Validation } from './validate.js';
export { parseEventTime } from './time.js';
export { decodeEventLine } from './decode.js';
