import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { repeatOf, type Decision, type RiskEngine } from '../../engine/index.js';
import { unstorable } from '../../store/index.js';
import { validateEvent, type FieldError, type TimedEvent } from '../../events/index.js';
import { ApiError } from '../errors.js';
import type { Metrics } from '../metrics.js';
import { BatchResponseSchema, DecisionSchema, ErrorSchema, EventsBodySchema, MAX_BATCH } from '../schemas.js';
import type { DecidedEvent, DecisionSink } from '../sink.js';

export const EVENTS_BODY_LIMIT = 5 * 1024 * 1024;

export interface ItemError {
  index: number;
  eventId?: string;
  error: { code: 'INVALID_EVENT' | 'ENGINE_ERROR'; fields: FieldError[] };
}

export interface EventsRouteOptions {
  engine: RiskEngine;
  sink: DecisionSink;
  metrics: Metrics;
}

/** The body schema documents the contract; items are checked one by one with `validateEvent` instead. */
const documentOnly = () => (value: unknown) => ({ value });

const ENGINE_FAILED: FieldError = { field: '', expected: 'an event the engine can decide', zh: '引擎处理该事件时出错，已记录，请联系运维' };

function idOf(item: unknown): string | undefined {
  const id = item !== null && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id.slice(0, 200) : undefined;
}

/**
 * `POST /v1/events`: one event or a batch. Valid items are decided in input order in one synchronous
 * step (so concurrent requests never interleave inside a batch, and the sink sees engine order), then
 * persisted; the decisions leave only once the sink has resolved.
 */
export const eventsRoutes: FastifyPluginAsyncTypebox<EventsRouteOptions> = async (app, { engine, sink, metrics }) => {
  // Events are JSON only: plain text here is a mistake, not a conversation.
  app.removeContentTypeParser('text/plain');

  app.post(
    '/v1/events',
    {
      config: { access: { scope: 'events' } },
      bodyLimit: EVENTS_BODY_LIMIT,
      validatorCompiler: documentOnly,
      schema: {
        summary: 'Decide one event or a batch of events',
        description:
          `One event (DESIGN.md §3.1) gives its decision, or 400 when it is invalid. An array of up to ${MAX_BATCH} events gives ` +
          '`results` in input order: a decision for each valid item, `{index, error}` for each invalid one; valid items are ' +
          'decided in order and none is held back by another. Decisions are returned only after they are persisted (503 when ' +
          'the store fails; retrying is safe: a repeated id repeats its first decision).',
        tags: ['events'],
        body: EventsBodySchema,
        response: {
          200: { description: 'The decision (single event) or the batch results', anyOf: [DecisionSchema, BatchResponseSchema] },
          400: ErrorSchema,
          413: ErrorSchema,
          415: ErrorSchema,
          503: ErrorSchema,
        },
      },
    },
    async (request) => {
      const body: unknown = request.body;
      const single = !Array.isArray(body);
      const items: unknown[] = single ? [body] : body;
      if (items.length > MAX_BATCH) {
        throw new ApiError(
          413,
          'BATCH_TOO_LARGE',
          `一批最多 ${MAX_BATCH} 个事件，收到 ${items.length} 个，请分批发送`,
          `a batch holds at most ${MAX_BATCH} events, got ${items.length}: split it`,
        );
      }

      const results: (Decision | ItemError)[] = new Array(items.length);
      const valid: (TimedEvent | undefined)[] = new Array(items.length);
      const old: string[] = [];
      for (let index = 0; index < items.length; index++) {
        const checked = validateEvent(items[index]);
        // Checked before the engine sees it: the engine must never hold an event the log cannot.
        // A report's review is an officer's act (POST /v1/reports/:id/status), never a sender's.
        const fields = !checked.ok
          ? [...checked.errors]
          : checked.value.event.type === 'report.review'
            ? [REVIEW_NOT_SENDABLE]
            : unstorableFields(unstorable(checked.value.event));
        if (!checked.ok || fields !== null) {
          metrics.invalid.inc();
          results[index] = { index, ...withId(idOf(items[index])), error: { code: 'INVALID_EVENT', fields: fields ?? [] } };
          continue;
        }
        valid[index] = checked.value;
        if (engine.beyondDuplicateWindow(checked.value.t)) old.push(checked.value.event.id);
      }
      // An event older than the engine's duplicate window may repeat an id the engine has forgotten: the log knows.
      const stored = old.length > 0 && sink.storedDecisions ? await sink.storedDecisions(old) : undefined;
      // Backpressure: under sustained overload the sender waits here, before the engine sees anything.
      if (sink.ready && !(await sink.ready())) throw storeUnavailable();
      if (sink.accepting === false) throw storeUnavailable();

      const decided: DecidedEvent[] = [];
      for (let index = 0; index < items.length; index++) {
        const timed = valid[index];
        if (!timed) continue;
        const prior = stored?.get(timed.event.id);
        if (prior) {
          results[index] = repeatOf(prior, timed.event);
          continue;
        }
        try {
          const decision = engine.process(timed);
          results[index] = decision;
          decided.push({ event: timed, decision });
        } catch (err) {
          request.log.error({ err, index }, 'the engine failed on an event');
          results[index] = { index, ...withId(idOf(items[index])), error: { code: 'ENGINE_ERROR', fields: [ENGINE_FAILED] } };
        }
      }

      if (decided.length > 0) {
        const end = metrics.sinkLatency.startTimer();
        try {
          await sink.persist(decided);
        } catch (err) {
          metrics.sinkFailures.inc();
          request.log.error({ err, events: decided.length }, 'persisting decisions failed');
          throw storeUnavailable();
        } finally {
          end();
        }
        for (const { decision } of decided) metrics.decided.inc({ action: decision.action });
      }

      if (single) {
        const only = results[0];
        if ('error' in only) throw singleError(only);
        return only;
      }
      return { results, accepted: decided.length, rejected: items.length - decided.length };
    },
  );
};

function storeUnavailable(): ApiError {
  return new ApiError(
    503,
    'STORE_UNAVAILABLE',
    '决定暂时无法保存，请稍后重试（重复发送同一事件不会重复计入）',
    'the decisions could not be stored: retry later (a repeated event id is not counted twice)',
    undefined,
    undefined,
    1,
  );
}

function unstorableFields(problem: string | null): FieldError[] | null {
  if (problem === null) return null;
  const field = problem.split(' ')[0] ?? '';
  return [
    {
      field,
      expected: 'text without NUL characters or unpaired surrogates',
      zh: `${field} 含有无法保存的字符（NUL 或不成对的 UTF-16 代理项）`,
    },
  ];
}

const REVIEW_NOT_SENDABLE: FieldError = {
  field: '/type',
  expected: 'an event type senders may send (report.review is written by the service when an officer reviews a report)',
  zh: 'report.review 事件只能由办案人员通过 POST /v1/reports/:id/status 审核举报时生成，不能由接入方发送',
};

const withId = (eventId: string | undefined) => (eventId === undefined ? {} : { eventId });

function singleError(item: ItemError): ApiError {
  if (item.error.code === 'ENGINE_ERROR')
    return new ApiError(500, 'ENGINE_ERROR', ENGINE_FAILED.zh, 'the engine failed on this event; it has been logged');
  const first = item.error.fields[0];
  return new ApiError(
    400,
    'INVALID_EVENT',
    first.zh,
    `${first.field || 'the event'}: expected ${first.expected}`,
    first.field,
    item.error.fields,
  );
}
