export { buildApp, API_VERSION, type AppDeps } from './app.js';
export { startServer, type ServeOptions } from './serve.js';
export { MemorySink, VOLATILE_SINK, type DecidedEvent, type DecisionSink } from './sink.js';
export { ApiError, type ErrorBody } from './errors.js';
export { scrub } from './logging.js';
export * from './schemas.js';
