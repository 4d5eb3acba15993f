import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { InputError } from '../cli/input-error.js';
import type { FieldError } from '../events/index.js';

/** The body of every error response: Chinese first, English alongside, the field when one is at fault. */
export interface ErrorBody {
  error: { code: string; message: string; messageEn: string; field?: string; fields?: FieldError[] };
}

/** An error the API reports as is, with its status. Anything else is a 500 that says nothing inside. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly zh: string,
    readonly en: string,
    readonly field?: string,
    readonly fields?: readonly FieldError[],
    /** Sent as `Retry-After` (429, 503). */
    readonly retryAfterSec?: number,
  ) {
    super(en);
    this.name = 'ApiError';
  }

  body(): ErrorBody {
    const error: ErrorBody['error'] = { code: this.code, message: this.zh, messageEn: this.en };
    if (this.field !== undefined) error.field = this.field;
    if (this.fields !== undefined) error.fields = [...this.fields];
    return { error };
  }
}

/**
 * `body turns[2].text` (how the conversation validators name a place) → `/turns/2/text`. `where` alone
 * means the top-level field being checked, `root`.
 */
export function fieldPointer(where: string, prefix: string, root: string): string {
  if (where === prefix) return root;
  const rest = where.startsWith(prefix + ' ') ? where.slice(prefix.length + 1) : where;
  return (
    '/' +
    rest
      .replace(/\[(\d+)\]/g, '.$1')
      .split('.')
      .filter(Boolean)
      .join('/')
  );
}

/** A conversation input problem (the CLI's rules) as an API error. */
export function fromInputError(e: InputError, prefix: string, root: string): ApiError {
  const status = e.code === 'TOO_LARGE' ? 413 : 400;
  return new ApiError(status, e.code, e.zh, e.en, fieldPointer(e.where, prefix, root));
}

const mib = (bytes: number): string => `${Math.round((bytes / 1024 / 1024) * 100) / 100} MiB`;

/** Fastify's own errors (parsing, limits, content type, schema validation) in the API's words. */
function translate(err: FastifyError, request: FastifyRequest): ApiError | undefined {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ApiError(400, 'BAD_JSON', '请求体不是合法的 JSON', 'the request body is not valid JSON');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError(400, 'EMPTY_BODY', '请求体为空', 'the request body is empty');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ApiError(400, 'BAD_CONTENT_LENGTH', '请求体长度与 Content-Length 不符', 'the body size does not match Content-Length');
    case 'FST_ERR_CTP_BODY_TOO_LARGE': {
      const limit = request.routeOptions.bodyLimit;
      return new ApiError(413, 'BODY_TOO_LARGE', `请求体过大，上限为 ${mib(limit)}`, `the request body exceeds the ${mib(limit)} limit`);
    }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        `不支持的内容类型 ${String(request.headers['content-type'] ?? '（未指定）').slice(0, 80)}，请使用 application/json`,
        `unsupported content type ${String(request.headers['content-type'] ?? '(none)').slice(0, 80)}: send application/json`,
      );
    case 'FST_ERR_VALIDATION': {
      const first = err.validation?.[0];
      // A missing property is reported on its parent; name the property itself.
      const params = (first?.params ?? {}) as { missingProperty?: string; requiredProperties?: string[] };
      const missing = params.missingProperty ?? params.requiredProperties?.[0];
      const field = first ? (missing !== undefined ? `${first.instancePath}/${missing}` : first.instancePath) : '';
      return new ApiError(
        400,
        'INVALID_FIELD',
        `字段 ${field} 不符合要求：${first?.message ?? ''}`,
        `${field}: ${first?.message ?? 'invalid'}`,
        field,
      );
    }
  }
  if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
    return new ApiError(err.statusCode, err.code ?? 'BAD_REQUEST', '请求无效', err.message);
  }
  return undefined;
}

/** Every error leaves as JSON in one shape; a 5xx is logged (with personal numbers masked by the logger), a 4xx is not an incident. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const api = err instanceof ApiError ? err : err instanceof InputError ? fromInputError(err, 'body', '') : translate(err, request);
    if (api) {
      if (api.statusCode >= 500) request.log.error({ err }, 'request failed');
      else request.log.info({ code: api.code, field: api.field }, 'request rejected');
      if (api.retryAfterSec !== undefined) reply.header('retry-after', String(api.retryAfterSec));
      return reply.code(api.statusCode).type('application/json; charset=utf-8').send(api.body());
    }
    request.log.error({ err }, 'unexpected error');
    return reply
      .code(500)
      .type('application/json; charset=utf-8')
      .send(new ApiError(500, 'INTERNAL', '服务器内部错误，请稍后重试', 'internal error, please retry later').body());
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0].slice(0, 200);
    return reply
      .code(404)
      .type('application/json; charset=utf-8')
      .send(new ApiError(404, 'NOT_FOUND', `没有这个接口：${request.method} ${path}`, `no such route: ${request.method} ${path}`).body());
  });
}
