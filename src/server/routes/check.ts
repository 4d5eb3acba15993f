import { ANY_ROLE } from '../access.js';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MAX_CONVERSATION_BYTES, parseDocument, validateTurns } from '../../cli/conversation-input.js';
import { InputError } from '../../cli/input-error.js';
import type { ConversationInput, TextAnalyzer } from '../../text/index.js';
import { ApiError, fromInputError } from '../errors.js';
import type { Metrics } from '../metrics.js';
import { AssessmentSchema, CheckBodySchema, ErrorSchema } from '../schemas.js';

/** The conversation limit of the CLI, plus room for the JSON around it. */
export const CHECK_BODY_LIMIT = MAX_CONVERSATION_BYTES + 64 * 1024;

export interface CheckRouteOptions {
  analyzer: TextAnalyzer;
  metrics: Metrics;
}

const documentOnly = () => (value: unknown) => ({ value });

/**
 * The body as a conversation, by the same rules as `kefuguard check` (src/cli/conversation-input.ts):
 * `{turns}` is checked turn by turn, `{text}` and a text/plain body as a document.
 */
function toConversation(body: unknown): ConversationInput {
  try {
    if (typeof body === 'string') return parseDocument(body, 'body');
    if (body === null || typeof body !== 'object' || Array.isArray(body))
      throw new ApiError(
        400,
        'NOT_OBJECT',
        '请求体应为 {"text"} 或 {"turns"} 对象',
        'the body must be an object {"text"} or {"turns"}',
        '',
      );
    const { text, turns } = body as { text?: unknown; turns?: unknown };
    if (turns !== undefined) return validateTurns(turns, 'body');
    if (text === undefined) throw new ApiError(400, 'NO_CONTENT', '缺少 "text" 或 "turns"', 'the body needs "text" or "turns"', '/text');
    if (typeof text !== 'string') throw new ApiError(400, 'BAD_TEXT', '"text" 必须是字符串', '"text" must be a string', '/text');
    return parseDocument(text, 'body text');
  } catch (e) {
    if (e instanceof InputError) throw fromInputError(e, 'body', typeof body === 'string' ? '' : '/turns');
    throw e;
  }
}

/** `POST /v1/check`: assess one conversation (DESIGN.md §3.3). */
export const checkRoutes: FastifyPluginAsyncTypebox<CheckRouteOptions> = async (app, { analyzer, metrics }) => {
  app.post(
    '/v1/check',
    {
      config: { access: { scope: 'check', roles: ANY_ROLE } },
      bodyLimit: CHECK_BODY_LIMIT,
      validatorCompiler: documentOnly,
      schema: {
        summary: 'Assess a conversation',
        description:
          'A transcript, chat export, SMS or narrative as `{text}`, as `{turns: [{speaker, text}]}`, or as a text/plain body. ' +
          'Returns whether it reads as a scam, the stage and family, and the signals with the exact text spans that raised them.',
        tags: ['check'],
        body: CheckBodySchema,
        response: { 200: AssessmentSchema, 400: ErrorSchema, 413: ErrorSchema, 415: ErrorSchema },
      },
    },
    async (request) => {
      const input = toConversation(request.body as unknown);
      const turns = analyzer.parse(input);
      if (turns.length === 0) throw new ApiError(400, 'EMPTY', '输入为空，没有可分析的文本', 'input is empty: nothing to assess', '');
      const assessment = analyzer.assessTurns(turns);
      metrics.assessments.inc({ verdict: assessment.verdict });
      return assessment;
    },
  );
};
