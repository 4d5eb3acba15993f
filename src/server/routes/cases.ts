import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { LEVELS } from '../../engine/index.js';
import {
  addNoteToCase,
  assignCaseTo,
  caseScript,
  CaseError,
  changeCaseStatus,
  getCaseDetail,
  listCases,
  type Actor,
} from '../../service/cases.js';
import type { CaseStatus } from '../../store/index.js';
import { FAMILY_IDS, STAGE_IDS } from '../../typology/index.js';
import { ANY_ROLE, OFFICERS, actorOf, type Principal } from '../access.js';
import type { ServiceContext } from '../context.js';
import { ApiError } from '../errors.js';
import { ErrorSchema } from '../schemas.js';
import { AlertSchema, DateTime, Known, literals, Nullable } from './alerts.js';

const CASE_STATUSES: readonly CaseStatus[] = ['new', 'contacting', 'dissuaded', 'loss_confirmed', 'false_alarm', 'closed'];

const OwnerSchema = Type.Object({ id: Type.Integer(), username: Type.String(), displayName: Nullable(Type.String()) });

const CaseSchema = Type.Object(
  {
    id: Type.Integer(),
    subject: Type.String({ description: 'the person (customer id at the sender)' }),
    status: literals(CASE_STATUSES),
    outcome: Nullable(Known(['dissuaded', 'loss_confirmed', 'false_alarm'])),
    level: literals(LEVELS),
    score: Type.Number(),
    stage: Nullable(Known(STAGE_IDS)),
    family: Nullable(Known(FAMILY_IDS)),
    ownerId: Nullable(Type.Integer()),
    owner: Type.Optional(Nullable(OwnerSchema)),
    firstEventT: Nullable(Type.Integer({ description: 'event time of the first event on the timeline, epoch ms' })),
    lastEventT: Nullable(Type.Integer()),
    openedAt: DateTime(),
    updatedAt: DateTime(),
    contactedAt: Nullable(DateTime()),
    resolvedAt: Nullable(DateTime()),
    closedAt: Nullable(DateTime()),
  },
  { $id: 'Case' },
);

const CaseListItemSchema = Type.Intersect([
  CaseSchema,
  Type.Object({ events: Type.Integer({ description: 'events on the timeline' }), openAlerts: Type.Integer() }),
]);

const BilingualLine = Type.Object({ part: Type.String(), zh: Type.String(), en: Type.String() });

const ScriptSchema = Type.Object(
  {
    stage: Nullable(Type.Object({ id: Type.String(), zh: Type.String(), en: Type.String() })),
    family: Nullable(Type.Object({ id: Type.String(), zh: Type.String(), en: Type.String() })),
    typologyVersion: Type.String(),
    lines: Type.Array(BilingualLine, {
      description: 'in the order said: opening, stage, stop (what to do now), fact (the pretext taken apart), next, ask, if-paid, closing',
    }),
  },
  { $id: 'DissuasionScript', description: 'What the officer says on the phone (劝阻话术), Chinese with English' },
);

const NoteSchema = Type.Object({
  id: Type.Integer(),
  body: Type.String(),
  createdAt: DateTime(),
  author: Nullable(Type.Object({ id: Type.Integer(), username: Type.String() })),
});

const TimelineEntrySchema = Type.Object({
  eventId: Type.String(),
  seq: Type.Integer(),
  t: Type.Integer(),
  ts: Type.String(),
  type: Type.String(),
  kind: Known(['trigger', 'evidence', 'event']),
  event: Type.Record(Type.String(), Type.Unknown(), { description: 'the event as received' }),
  decision: Nullable(
    Type.Object({
      action: Type.String(),
      level: Known(LEVELS),
      score: Type.Number(),
      stage: Nullable(Type.String()),
      family: Nullable(Type.String()),
      reasons: Type.Array(Type.Object({ code: Type.String(), text: Type.String(), en: Type.String(), events: Type.Array(Type.String()) })),
    }),
  ),
  evidence: Nullable(
    Type.Object(
      {
        verdict: Type.String(),
        score: Type.Number(),
        stage: Nullable(Type.String()),
        family: Nullable(Type.String()),
        signals: Type.Array(
          Type.Object({
            code: Type.String(),
            stage: Type.String(),
            description: Type.Object({ zh: Type.String(), en: Type.String() }),
            spans: Type.Array(Type.Object({ start: Type.Integer(), end: Type.Integer(), text: Type.String() }), {
              description: 'event.text.slice(start, end); for analysts numbers are masked, so match on text',
            }),
          }),
        ),
      },
      { description: 'a message from the other side, as the analyzer reads it: its signals with their exact spans' },
    ),
  ),
});

const CaseDetailSchema = Type.Object(
  {
    case: Type.Intersect([CaseSchema, Type.Object({ statusZh: Type.String() })]),
    allowedNext: Type.Array(literals(CASE_STATUSES)),
    timeline: Type.Array(TimelineEntrySchema),
    notes: Type.Array(NoteSchema),
    alerts: Type.Array(AlertSchema),
    script: ScriptSchema,
  },
  { $id: 'CaseDetail' },
);

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

function actor(p: Principal | null, ip: string): Actor {
  return { ...actorOf(p), userId: p?.kind === 'user' ? p.id : null, ip };
}

async function mapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof CaseError) {
      const status = e.kind === 'not_found' ? 404 : e.kind === 'conflict' ? 409 : 400;
      throw new ApiError(status, e.code, e.zh, e.en, e.field);
    }
    throw e;
  }
}

/**
 * Cases: a high or urgent alert opens or joins the subject's case (service/case-intake.ts); here the
 * centre reads and works them. Reads are for every console role (numbers masked for analysts);
 * changes are for officers and admins, each audited in the transaction that makes it.
 */
export const casesRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  const db = ctx.store.db;

  app.get(
    '/v1/cases',
    {
      config: { access: { roles: ANY_ROLE, personal: true } },
      schema: {
        summary: 'List cases',
        description:
          'Most severe first, then most recently updated. Filters: `status`, `owner` (a user id, `me`, or `none` for unassigned), ' +
          '`level`, `family`. Pages: `limit` (default 50, at most 500) and `offset`.',
        tags: ['cases'],
        querystring: Type.Object({
          status: Type.Optional(literals(CASE_STATUSES)),
          owner: Type.Optional(Type.String({ pattern: '^(me|none|[1-9][0-9]{0,17})$', description: 'a user id, me or none' })),
          level: Type.Optional(literals(LEVELS)),
          family: Type.Optional(literals(FAMILY_IDS)),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
          offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
        }),
        response: { 200: Type.Object({ items: Type.Array(CaseListItemSchema) }), 400: ErrorSchema },
      },
    },
    async (request) => {
      const q = request.query;
      const p = request.principal;
      let ownerId: number | null | undefined;
      if (q.owner === 'me') {
        if (p?.kind !== 'user')
          throw new ApiError(400, 'INVALID_FIELD', '只有控制台用户可以使用 owner=me', 'owner=me needs a console user', '/owner');
        ownerId = p.id;
      } else if (q.owner === 'none') ownerId = null;
      else if (q.owner !== undefined) ownerId = Number(q.owner);
      const items = await listCases(db, { status: q.status, ownerId, level: q.level, family: q.family, limit: q.limit, offset: q.offset });
      return { items };
    },
  );

  app.get(
    '/v1/cases/:id',
    {
      config: { access: { roles: ANY_ROLE, personal: true } },
      schema: {
        summary: 'A case with its timeline',
        description:
          'The case, its owner, where it may go next (`allowedNext`), its timeline in arrival order (each event with its decision and ' +
          'reasons; messages from the other side with the analyzer’s signals and their exact text spans), its notes and alerts, and the ' +
          'dissuasion script for its stage and family.',
        tags: ['cases'],
        params: IdParams,
        response: { 200: CaseDetailSchema, 404: ErrorSchema },
      },
    },
    async (request) => mapped(() => getCaseDetail(db, ctx.analyzer, request.params.id)),
  );

  app.get(
    '/v1/cases/:id/script',
    {
      config: { access: { roles: ANY_ROLE, personal: true } },
      schema: {
        summary: 'The dissuasion script of a case',
        description: 'What the officer says on the phone for the case’s stage and family (Chinese first, English alongside).',
        tags: ['cases'],
        params: IdParams,
        response: { 200: Type.Intersect([ScriptSchema, Type.Object({ caseId: Type.Integer() })]), 404: ErrorSchema },
      },
    },
    async (request) => mapped(() => caseScript(db, request.params.id)),
  );

  app.post(
    '/v1/cases/:id/assign',
    {
      config: { access: { roles: OFFICERS, personal: true } },
      schema: {
        summary: 'Give a case to an officer',
        description: '`ownerId`: a user id (an officer or admin), `"me"`, or null to unassign. Audited.',
        tags: ['cases'],
        params: IdParams,
        body: Type.Object(
          { ownerId: Type.Union([Type.Integer({ minimum: 1 }), Type.Literal('me'), Type.Null()]) },
          { additionalProperties: false },
        ),
        response: { 200: CaseSchema, 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      const p = request.principal;
      const requested = request.body.ownerId;
      const ownerId = requested === 'me' ? (p?.kind === 'user' ? p.id : null) : requested;
      return mapped(() => assignCaseTo(db, request.params.id, ownerId, actor(p, request.ip)));
    },
  );

  app.post(
    '/v1/cases/:id/status',
    {
      config: { access: { roles: OFFICERS, personal: true } },
      schema: {
        summary: 'Move a case along the workflow',
        description:
          'new → contacting → dissuaded | loss_confirmed | false_alarm → closed. Any other move is a 409 ' +
          '`CASE_TRANSITION_FORBIDDEN` naming the allowed ones. `note` is added to the case; `amount` (yuan) goes with ' +
          'loss_confirmed (money lost; without it, the money that left in the timeline) or dissuaded (money kept). Reaching an ' +
          'outcome records a label (dissuaded, confirmed_loss, false_alarm) for tuning and closes the case’s alerts; contacting ' +
          'acknowledges them. Audited with the change.',
        tags: ['cases'],
        params: IdParams,
        body: Type.Object(
          {
            to: literals(CASE_STATUSES),
            note: Type.Optional(Type.String({ minLength: 1, maxLength: 20000 })),
            amount: Type.Optional(Type.Number({ minimum: 0, maximum: 1e12 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            case: CaseSchema,
            allowedNext: Type.Array(literals(CASE_STATUSES)),
            labelId: Nullable(Type.Integer()),
            note: Nullable(Type.Object({ id: Type.Integer(), body: Type.String() })),
          }),
          400: ErrorSchema,
          404: ErrorSchema,
          409: ErrorSchema,
        },
      },
    },
    async (request) => {
      const { to, note, amount } = request.body;
      return mapped(() => changeCaseStatus(db, request.params.id, { to, note, amount }, actor(request.principal, request.ip)));
    },
  );

  app.post(
    '/v1/cases/:id/notes',
    {
      config: { access: { roles: OFFICERS, personal: true } },
      schema: {
        summary: 'Add a note to a case',
        description: 'A note by the calling officer (1–20,000 characters). Audited (the note’s id, not its text).',
        tags: ['cases'],
        params: IdParams,
        body: Type.Object({ body: Type.String({ minLength: 1, maxLength: 20000 }) }, { additionalProperties: false }),
        response: {
          201: Type.Object({ id: Type.Integer(), body: Type.String(), createdAt: DateTime() }),
          400: ErrorSchema,
          404: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      if (request.body.body.trim() === '') throw new ApiError(400, 'EMPTY_NOTE', '备注内容不能为空', 'the note is empty', '/body');
      const note = await mapped(() => addNoteToCase(db, request.params.id, request.body.body, actor(request.principal, request.ip)));
      return reply.code(201).send({ id: note.id, body: note.body, createdAt: note.createdAt });
    },
  );
};
