import type { Migration } from './index.js';

/**
 * The first schema. Plain PostgreSQL that runs unchanged on PGlite (PostgreSQL 18 in WebAssembly)
 * and on PostgreSQL 15 or later: no extensions, no dialect branches. Times the engine reasons about
 * are event times (`t`, epoch ms, and `ts`); `*_at` columns are wall-clock times of this system.
 */
export const migration: Migration = {
  version: 1,
  name: 'initial',
  sql: /* sql */ `
-- The event log: every accepted event once, in arrival order (seq), which is the replay order.
CREATE TABLE events (
  id          text PRIMARY KEY,
  seq         bigserial NOT NULL UNIQUE,
  subject     text NOT NULL,
  type        text NOT NULL,
  ts          timestamptz NOT NULL,
  t           bigint NOT NULL,
  source      text,
  raw         jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_subject_seq ON events (subject, seq);
-- Orders are few and feed the leak-source ranking (merchants and couriers victims share).
CREATE INDEX events_orders ON events (t) WHERE type = 'order';

-- One decision per stored event, as the engine returned it (seq, subject, t copied from the event).
-- No foreign key to events: appendEvents writes both in one statement from the same rows, and the
-- check would cost a fifth of the write path.
CREATE TABLE decisions (
  event_id         text PRIMARY KEY,
  seq              bigint NOT NULL,
  subject          text NOT NULL,
  t                bigint NOT NULL,
  action           text NOT NULL CHECK (action IN ('allow', 'warn', 'hold', 'block')),
  level            text NOT NULL CHECK (level IN ('none', 'low', 'medium', 'high', 'urgent')),
  level_rank       smallint NOT NULL CHECK (level_rank BETWEEN 0 AND 4),
  score            double precision NOT NULL,
  stage            text,
  family           text,
  reasons          jsonb NOT NULL,
  advice           jsonb,
  band             jsonb,
  late             boolean NOT NULL DEFAULT false,
  policy_version   text NOT NULL,
  typology_version text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now()
);
-- No further indexes: the write path pays for every one. By subject or seq, join events (indexed).

-- Engine state, valid for every event with seq <= snapshots.seq; restart = latest snapshot + replay.
CREATE TABLE engine_snapshots (
  id               bigserial PRIMARY KEY,
  partition_key    text NOT NULL DEFAULT 'all',
  seq              bigint NOT NULL,
  format           text NOT NULL,
  state            bytea NOT NULL,
  policy_version   text,
  typology_version text,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX engine_snapshots_latest ON engine_snapshots (partition_key, seq DESC, id DESC);

CREATE TABLE users (
  id            bigserial PRIMARY KEY,
  username      text NOT NULL UNIQUE CHECK (username ~ '^[A-Za-z0-9_.@-]{1,64}$'),
  display_name  text,
  role          text NOT NULL CHECK (role IN ('analyst', 'officer', 'admin')),
  password_hash text NOT NULL,
  disabled      boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  last_login_at timestamptz
);

-- The cookie carries a random token; only its SHA-256 is stored.
CREATE TABLE sessions (
  token_hash   text PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  ip           text,
  user_agent   text
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- A key is kg_<prefix>_<secret>; the prefix finds the row, the SHA-256 of the whole key proves it.
CREATE TABLE api_keys (
  id                 bigserial PRIMARY KEY,
  name               text NOT NULL,
  prefix             text NOT NULL UNIQUE,
  key_hash           text NOT NULL,
  scopes             jsonb NOT NULL CHECK (jsonb_typeof(scopes) = 'array'),
  rate_limit_per_min integer NOT NULL CHECK (rate_limit_per_min > 0),
  created_by         bigint REFERENCES users (id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  last_used_at       timestamptz,
  revoked_at         timestamptz
);

CREATE TABLE cases (
  id            bigserial PRIMARY KEY,
  subject       text NOT NULL,
  status        text NOT NULL DEFAULT 'new'
                CHECK (status IN ('new', 'contacting', 'dissuaded', 'loss_confirmed', 'false_alarm', 'closed')),
  outcome       text CHECK (outcome IN ('dissuaded', 'loss_confirmed', 'false_alarm')),
  level         text NOT NULL CHECK (level IN ('none', 'low', 'medium', 'high', 'urgent')),
  level_rank    smallint NOT NULL,
  score         double precision NOT NULL DEFAULT 0,
  stage         text,
  family        text,
  owner_id      bigint REFERENCES users (id),
  first_event_t bigint,
  last_event_t  bigint,
  opened_at     timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  contacted_at  timestamptz,
  resolved_at   timestamptz,
  closed_at     timestamptz
);
-- At most one case per subject that is not closed: a new alert joins it.
CREATE UNIQUE INDEX cases_active_subject ON cases (subject) WHERE status <> 'closed';
CREATE INDEX cases_status_rank ON cases (status, level_rank DESC, updated_at DESC);
CREATE INDEX cases_owner ON cases (owner_id, status);

CREATE TABLE alerts (
  id              bigserial PRIMARY KEY,
  event_id        text NOT NULL UNIQUE REFERENCES events (id),
  seq             bigint NOT NULL,
  subject         text NOT NULL,
  level           text NOT NULL CHECK (level IN ('none', 'low', 'medium', 'high', 'urgent')),
  level_rank      smallint NOT NULL,
  action          text NOT NULL,
  score           double precision NOT NULL,
  stage           text,
  family          text,
  t               bigint NOT NULL,
  status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'closed')),
  case_id         bigint REFERENCES cases (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  acknowledged_by bigint REFERENCES users (id),
  acknowledged_at timestamptz
);
CREATE INDEX alerts_level_created ON alerts (level_rank DESC, created_at);
CREATE INDEX alerts_open_queue ON alerts (level_rank DESC, created_at) WHERE status = 'open';
CREATE INDEX alerts_created ON alerts (created_at);
CREATE INDEX alerts_subject ON alerts (subject, seq);
CREATE INDEX alerts_case ON alerts (case_id);

CREATE TABLE case_notes (
  id         bigserial PRIMARY KEY,
  case_id    bigint NOT NULL REFERENCES cases (id),
  author_id  bigint REFERENCES users (id),
  body       text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_notes_case ON case_notes (case_id, id);

-- The timeline: which events (and so their decisions) belong to a case.
CREATE TABLE case_events (
  case_id  bigint NOT NULL REFERENCES cases (id),
  event_id text NOT NULL REFERENCES events (id),
  seq      bigint NOT NULL,
  kind     text NOT NULL DEFAULT 'event' CHECK (kind IN ('event', 'trigger', 'evidence')),
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, event_id)
);
CREATE INDEX case_events_event ON case_events (event_id);

CREATE TABLE reports (
  id         bigserial PRIMARY KEY,
  kind       text NOT NULL CHECK (kind IN ('victim-report', 'complaint', 'public')),
  subject    text,
  event_id   text REFERENCES events (id),
  text       text,
  reporter   text,
  status     text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'verified', 'rejected')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reports_created ON reports (created_at);

-- Payee accounts, phone numbers, QQ/WeChat ids, URLs, gift-card redeemers, merchants, couriers;
-- value is normalized by the caller (entities-repo.normalizeEntity) so lookups match.
CREATE TABLE entities (
  id            bigserial PRIMARY KEY,
  type          text NOT NULL CHECK (type IN ('phone', 'account', 'qq', 'wechat', 'url', 'redeemer', 'merchant', 'courier')),
  value         text NOT NULL,
  known_bad     boolean NOT NULL DEFAULT false,
  report_count  integer NOT NULL DEFAULT 0,
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (type, value)
);
CREATE INDEX entities_known_bad ON entities (type, value) WHERE known_bad;

-- entity <-> subject / case / event / report. target_id is text so one table serves every target.
CREATE TABLE entity_links (
  entity_id   bigint NOT NULL REFERENCES entities (id),
  target_type text NOT NULL CHECK (target_type IN ('subject', 'case', 'event', 'report')),
  target_id   text NOT NULL,
  role        text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (entity_id, target_type, target_id, role)
);
CREATE INDEX entity_links_target ON entity_links (target_type, target_id);

-- Outcomes for tuning: false alarms and confirmed losses, with the versions that decided.
CREATE TABLE labels (
  id               bigserial PRIMARY KEY,
  subject          text NOT NULL,
  case_id          bigint REFERENCES cases (id),
  event_id         text REFERENCES events (id),
  label            text NOT NULL CHECK (label IN ('false_alarm', 'confirmed_loss', 'dissuaded')),
  family           text,
  stage            text,
  amount           double precision,
  policy_version   text,
  typology_version text,
  note             text,
  created_by       bigint REFERENCES users (id),
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX labels_label_created ON labels (label, created_at);
CREATE INDEX labels_subject ON labels (subject);

-- Every case change and every unmasked view. Append-only: updates and deletes are refused.
CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor_type  text NOT NULL CHECK (actor_type IN ('user', 'api_key', 'system', 'cli')),
  actor_id    text,
  action      text NOT NULL,
  target_type text,
  target_id   text,
  detail      jsonb NOT NULL DEFAULT '{}'::jsonb,
  ip          text
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_target ON audit_log (target_type, target_id, at);
CREATE INDEX audit_log_actor ON audit_log (actor_type, actor_id, at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
`,
};
