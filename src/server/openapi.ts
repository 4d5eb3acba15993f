import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

/** OpenAPI component names allow letters, digits, `.`, `-` and `_`; schema $ids such as `kefuguard-event/call.start` become `kefuguard-event.call.start`. */
function componentName(json: { $id?: unknown }, i: number): string {
  return typeof json.$id === 'string' ? json.$id.replace(/[^A-Za-z0-9._-]/g, '.') : `def-${i}`;
}

/**
 * The OpenAPI 3.1 document (built from the routes' TypeBox schemas) at `/docs/json` and `/docs/yaml`,
 * and Swagger UI at `/docs`, served from the package's own files: no CDN, works offline.
 */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'KefuGuard API',
        version,
        description:
          '客服卫士 — real-time defence against impersonated customer-service refund and claims scams. ' +
          'Events in, decisions out (in order, persisted before they are returned); conversations in, assessments out. ' +
          'Errors: `{error: {code, message (zh), messageEn, field?}}`. ' +
          "Authentication: sending systems present an API key (`Authorization: Bearer kg_…` or `X-Api-Key`) with the route's scope; " +
          'console users a session cookie (`kg_session`, from `POST /v1/auth/login`) and, on writes, the `X-CSRF-Token` header.',
      },
      tags: [
        { name: 'events', description: 'Risk engine: events → decisions' },
        { name: 'check', description: 'Text analyzer: conversation → assessment' },
        { name: 'operations', description: 'Health and metrics' },
        { name: 'auth', description: 'Console sessions: login, logout, who am I' },
        { name: 'admin', description: 'Users, API keys, policy, audit log (admin)' },
        { name: 'alerts', description: 'Alert queue and live stream' },
        { name: 'cases', description: 'Cases: timeline, owner, workflow, notes, dissuasion script' },
        { name: 'statistics', description: 'Alerts, interceptions, money held, false alarms' },
        { name: 'entities', description: 'Payees, phones, QQ/WeChat ids, URLs, redeemers; the network of a case' },
        { name: 'lookup', description: 'Risk lookup of a number, account, id or URL (风险查询)' },
        { name: 'reports', description: 'Scam reports; reported entities become known bad' },
      ],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => componentName(json as { $id?: unknown }, i) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: true }, staticCSP: true });
}
