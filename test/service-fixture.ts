import type { FastifyInstance } from 'fastify';
import type { InjectOptions, Response } from 'light-my-request';
import { RiskEngine } from '../src/engine/index.js';
import { buildApp } from '../src/server/index.js';
import { CSRF_HEADER, SESSION_COOKIE } from '../src/server/access.js';
import { createApiKey, createSession, createUser, openStore, type ApiScope, type Role, type Store } from '../src/store/index.js';
import { TextAnalyzer } from '../src/text/index.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openJournal } from '../src/service/projector.js';

const analyzer = new TextAnalyzer();

/** Request headers that authenticate as someone. */
export type Credentials = Record<string, string>;

export interface TestService {
  app: FastifyInstance;
  store: Store;
  engine: RiskEngine;
  /** A console user of this role (created once per role and service), with session cookie and CSRF header. */
  as(role: Role): Promise<Credentials>;
  /** A fresh API key with these scopes. */
  key(scopes: readonly ApiScope[], rateLimitPerMin?: number): Promise<Credentials>;
  /** `app.inject` with credentials; JSON bodies by default. */
  call(who: Credentials | null, options: InjectOptions): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The whole service (store-backed, access-controlled) over an in-memory PGlite database; with
 * `journal`, events go through a write-ahead journal in a temporary directory, as `serve` runs.
 */
export async function makeService(
  options: {
    store?: Store;
    journal?: boolean;
    maxProjectionLag?: number;
    projectionWaitMs?: number;
    trustedProxies?: string[];
  } = {},
): Promise<TestService> {
  const store = options.store ?? (await openStore());
  const engine = new RiskEngine({ analyzer });
  const journalDir = options.journal ? mkdtempSync(join(tmpdir(), 'kg-journal-')) : undefined;
  const journal = journalDir ? (await openJournal(store, journalDir)).journal : undefined;
  const { maxProjectionLag, projectionWaitMs, trustedProxies } = options;
  const app = buildApp({ engine, analyzer, store, journal, maxProjectionLag, projectionWaitMs, trustedProxies });
  await app.ready();
  const users = new Map<Role, Credentials>();
  let keys = 0;
  return {
    app,
    store,
    engine,
    async as(role) {
      const known = users.get(role);
      if (known) return known;
      const user = await createUser(store.db, { username: `test-${role}`, password: `pw-${role}-0123456789`, role });
      const session = await createSession(store.db, user.id);
      const creds = { cookie: `${SESSION_COOKIE}=${session.token}`, [CSRF_HEADER]: session.csrfToken };
      users.set(role, creds);
      return creds;
    },
    async key(scopes, rateLimitPerMin) {
      const { key } = await createApiKey(store.db, { name: `test-key-${++keys}`, scopes, rateLimitPerMin });
      return { authorization: `Bearer ${key}` };
    },
    call(who, request) {
      return app.inject({ ...request, headers: { ...(request.headers ?? {}), ...(who ?? {}) } });
    },
    async close() {
      await app.close();
      if (!options.store) await store.close();
      if (journalDir) rmSync(journalDir, { recursive: true, force: true });
    },
  };
}
