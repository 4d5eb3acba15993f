import Type, { type Static, type TSchema } from 'typebox';
import { ACTIONS, LEVELS, type Decision } from '../engine/index.js';
import { EventSchema } from '../events/index.js';
import type { Assessment } from '../text/index.js';
import { FAMILY_IDS, REASON_CODES, STAGE_IDS } from '../typology/index.js';

/**
 * The HTTP API's request and response shapes. They are documentation (OpenAPI) and test oracles: the
 * service validates events with `validateEvent` itself, so a bad item never rejects its batch. The
 * type checks at the bottom keep these schemas in step with `Decision` and `Assessment`.
 */

const literals = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const BilingualSchema = Type.Object({ zh: Type.String(), en: Type.String() });
const Stage = literals(STAGE_IDS);
const Family = literals(FAMILY_IDS);

export const DecisionReasonSchema = Type.Object({
  code: literals([...REASON_CODES, 'DUPLICATE', 'LATE_EVENT'] as const),
  text: Type.String({ description: 'Chinese, what an analyst or the person reads' }),
  en: Type.String(),
  events: Type.Array(Type.String(), { description: 'ids of the events that raised it, oldest first' }),
  weight: Type.Optional(Type.Number({ description: 'share of the log-odds' })),
});

/** DESIGN.md §3.2, mirroring src/engine/decision.ts. */
export const DecisionSchema = Type.Object(
  {
    eventId: Type.String(),
    subject: Type.String(),
    action: literals(ACTIONS),
    level: literals(LEVELS),
    score: Type.Number({ minimum: 0, maximum: 1 }),
    stage: Nullable(Stage),
    family: Nullable(Family),
    reasons: Type.Array(DecisionReasonSchema),
    advice: Nullable(BilingualSchema),
    band: Type.Object(
      { id: Type.String(), zh: Type.String(), en: Type.String() },
      { description: 'the policy band that chose the action' },
    ),
    duplicate: Type.Optional(Type.Literal(true, { description: 'the event repeats an id already decided; nothing is counted twice' })),
    late: Type.Optional(Type.Literal(true, { description: 'arrived beyond the allowed lateness: recorded, not applied' })),
    typologyVersion: Type.String(),
    policyVersion: Type.String(),
  },
  { $id: 'Decision', additionalProperties: false, description: 'The risk engine decision for one event (DESIGN.md §3.2)' },
);

export const FieldErrorSchema = Type.Object(
  {
    field: Type.String({ description: 'JSON pointer into the event, e.g. /amount; empty for the whole event' }),
    expected: Type.String(),
    zh: Type.String(),
  },
  { $id: 'FieldError' },
);

/** One rejected item of a batch, at its position in the request. */
export const ItemErrorSchema = Type.Object(
  {
    index: Type.Integer({ minimum: 0 }),
    eventId: Type.Optional(Type.String({ description: 'the id of the item, when it had a string id' })),
    error: Type.Object({
      code: literals(['INVALID_EVENT', 'ENGINE_ERROR'] as const),
      fields: Type.Array(FieldErrorSchema),
    }),
  },
  { $id: 'ItemError', additionalProperties: false, description: 'An item of a batch that was not decided, at its index' },
);

export const BatchResponseSchema = Type.Object(
  {
    results: Type.Array(Type.Union([DecisionSchema, ItemErrorSchema]), { description: 'one entry per input item, in input order' }),
    accepted: Type.Integer({ minimum: 0 }),
    rejected: Type.Integer({ minimum: 0 }),
  },
  { $id: 'BatchResponse', additionalProperties: false },
);

export const MAX_BATCH = 1000;

export const EventsBodySchema = Type.Union([EventSchema, Type.Array(EventSchema, { maxItems: MAX_BATCH })], {
  description: `One event, or an array of up to ${MAX_BATCH} events decided in order. Items are validated one by one.`,
});

export const ErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String({ description: 'Chinese' }),
      messageEn: Type.String(),
      field: Type.Optional(Type.String({ description: 'JSON pointer to the offending field' })),
      fields: Type.Optional(Type.Array(FieldErrorSchema)),
    }),
  },
  { $id: 'Error', description: 'An error: code, Chinese and English message, and the field when one is at fault' },
);

export const CheckBodySchema = Type.Union(
  [
    Type.Object({ text: Type.String({ minLength: 1, description: 'a transcript, chat export, SMS or narrative' }) }),
    Type.Object({
      turns: Type.Array(
        Type.Object({
          speaker: Type.Optional(Nullable(Type.String({ description: 'caller, callee, agent, customer or any label' }))),
          text: Type.String(),
        }),
        { minItems: 1 },
      ),
    }),
  ],
  { description: 'A conversation (DESIGN.md §3.3). Also accepted as a text/plain body.' },
);

const SpanSchema = Type.Object({ turn: Type.Integer(), start: Type.Integer(), end: Type.Integer(), text: Type.String() });

export const AssessmentSchema = Type.Object(
  {
    typologyVersion: Type.String(),
    modelVersion: Type.String(),
    scam: Type.Boolean(),
    verdict: literals(['scam', 'suspicious', 'safe'] as const),
    score: Type.Number({ minimum: 0, maximum: 1 }),
    logit: Type.Number({ description: 'raw log-odds: bias + signal contributions + ngramContribution' }),
    bias: Type.Number(),
    ngramContribution: Type.Number({ description: "all learned n-grams' share of the log-odds" }),
    stage: Nullable(Stage),
    family: Nullable(Family),
    stagesReached: Type.Array(Stage),
    signals: Type.Array(
      Type.Object({
        code: Type.String(),
        stage: Stage,
        family: Type.Optional(Family),
        mechanic: Type.Boolean(),
        contribution: Type.Number(),
        description: BilingualSchema,
        spans: Type.Array(SpanSchema, { description: 'exact characters: turn text.slice(start, end)' }),
      }),
    ),
    ngrams: Type.Array(
      Type.Object({
        gram: Type.String({ description: 'normalized; a run of digits reads #' }),
        side: literals(['other', 'self', 'narrative', 'notice', 'negated'] as const),
        contribution: Type.Number(),
        span: SpanSchema,
      }),
      { description: 'the learned character n-grams with the largest contributions (typology 1.7.0)' },
    ),
    entities: Type.Array(
      Type.Object({
        type: literals(['phone', 'service-number', 'qq', 'wechat', 'bank-card', 'url', 'amount', 'app'] as const),
        value: Type.String(),
        turn: Type.Integer(),
        start: Type.Integer(),
        end: Type.Integer(),
        text: Type.String(),
      }),
    ),
    advice: BilingualSchema,
    firstScamTurn: Nullable(Type.Integer()),
    turns: Type.Integer(),
  },
  { $id: 'Assessment', additionalProperties: false, description: 'The text analyzer assessment (DESIGN.md §3.3)' },
);

export const HealthSchema = Type.Object(
  {
    status: Type.Literal('ok'),
    typologyVersion: Type.String(),
    policyVersion: Type.String(),
    uptimeSec: Type.Number(),
    projectionLag: Type.Optional(
      Type.Integer({ description: 'Journal mode: accepted events not yet written to the database (what reads wait for)' }),
    ),
  },
  { $id: 'Health' },
);

// Compile-time mirrors: the same keys, and each shape assignable to the other.
type Mirror<A, B> = [keyof A] extends [keyof B]
  ? [keyof B] extends [keyof A]
    ? [A] extends [B]
      ? [B] extends [A]
        ? true
        : false
      : false
    : false
  : false;
const _decisionMirror: Mirror<Static<typeof DecisionSchema>, Decision> = true;
const _assessmentMirror: Mirror<Static<typeof AssessmentSchema>, Assessment> = true;
void _decisionMirror;
void _assessmentMirror;
