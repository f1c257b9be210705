-- 001: tenancy, identity, sessions, login throttling, audit trail.
--
-- Scope: every row that belongs to a regional government carries tenant_id. Rows of the
-- platform itself (BKN offices' admins, platform admins, their sessions and audit events) use
-- the platform scope, the nil UUID 00000000-0000-0000-0000-000000000000, so that the same
-- (tenant_id, ...) keys and the same row-level security policy cover both.
--
-- The server connects as mutasi_app, which owns nothing: row-level security applies to it.
-- Each transaction sets mutasi.tenant_id with set_config(..., true) (transaction-local).

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mutasi_app') THEN
        CREATE ROLE mutasi_app NOLOGIN;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO mutasi_app;

-- The tenant scope of the current transaction; NULL (no row visible) when unset.
CREATE FUNCTION current_tenant_id() RETURNS uuid
LANGUAGE sql STABLE AS $$
    SELECT NULLIF(current_setting('mutasi.tenant_id', true), '')::uuid
$$;

-- Reference table: BKN regional offices (Kantor Regional BKN).
CREATE TABLE bkn_offices (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    code        text NOT NULL UNIQUE,
    name        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    version     integer NOT NULL DEFAULT 1
);

-- Reference table: tenants (pemerintah daerah). The tenant id is the distribution key itself.
CREATE TABLE tenants (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    code           text NOT NULL UNIQUE,
    name           text NOT NULL,
    kind           text NOT NULL CHECK (kind IN ('province', 'regency', 'city')),
    region_code    text NOT NULL UNIQUE,
    bkn_office_id  uuid NOT NULL REFERENCES bkn_offices (id),
    active         boolean NOT NULL DEFAULT true,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    version        integer NOT NULL DEFAULT 1
);

-- Distributed by tenant_id: agencies (instansi / OPD).
CREATE TABLE agencies (
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    id          uuid NOT NULL DEFAULT gen_random_uuid(),
    code        text NOT NULL,
    name        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     integer NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, code)
);

-- Distributed by tenant_id: users of every role. Platform and BKN admins live in the platform
-- scope; everybody else in their tenant's.
CREATE TABLE users (
    tenant_id        uuid NOT NULL,
    id               uuid NOT NULL DEFAULT gen_random_uuid(),
    username         text NOT NULL,
    full_name        text NOT NULL,
    role             text NOT NULL CHECK (role IN ('platform_admin', 'bkn_admin', 'tenant_admin',
                         'agency_operator', 'approver', 'employee', 'auditor')),
    bkn_office_id    uuid REFERENCES bkn_offices (id),
    employee_id      uuid,
    password_hash    text NOT NULL,
    active           boolean NOT NULL DEFAULT true,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          integer NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, username),
    CHECK ((role = 'bkn_admin') = (bkn_office_id IS NOT NULL)),
    CHECK ((role IN ('platform_admin', 'bkn_admin')) = (tenant_id = '00000000-0000-0000-0000-000000000000'))
);

-- Distributed by tenant_id: which agencies an agency operator works for.
CREATE TABLE user_agencies (
    tenant_id  uuid NOT NULL,
    user_id    uuid NOT NULL,
    agency_id  uuid NOT NULL,
    PRIMARY KEY (tenant_id, user_id, agency_id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, agency_id) REFERENCES agencies (tenant_id, id)
);

-- Distributed by tenant_id: bearer-token sessions, stored only as SHA-256 hashes.
CREATE TABLE sessions (
    tenant_id    uuid NOT NULL,
    token_hash   text NOT NULL,
    user_id      uuid NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    PRIMARY KEY (tenant_id, token_hash),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX sessions_user ON sessions (tenant_id, user_id);

-- Reference table (keyed by login name, not by tenant): failed logins, for throttling that
-- holds across any number of server instances.
CREATE TABLE login_throttle (
    login_key     text PRIMARY KEY,
    failures      integer NOT NULL DEFAULT 0,
    last_failure  timestamptz NOT NULL DEFAULT now(),
    locked_until  timestamptz
);

-- Distributed by tenant_id: the audit trail, one hash chain per tenant (and one for the
-- platform scope). Append-only for the server: it may insert and read, never change.
CREATE TABLE audit_events (
    tenant_id    uuid NOT NULL,
    seq          bigint NOT NULL,
    occurred_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor_id     uuid,
    actor_name   text NOT NULL,
    channel      text NOT NULL CHECK (channel IN ('api', 'cli', 'system')),
    action       text NOT NULL,
    entity_type  text NOT NULL,
    entity_id    text NOT NULL,
    before_json  text,
    after_json   text,
    prev_hash    text NOT NULL,
    hash         text NOT NULL,
    PRIMARY KEY (tenant_id, seq)
);
CREATE INDEX audit_events_entity ON audit_events (tenant_id, entity_type, entity_id);

-- Distributed by tenant_id: the head of each chain, locked to append in order.
CREATE TABLE audit_heads (
    tenant_id  uuid PRIMARY KEY,
    seq        bigint NOT NULL,
    hash       text NOT NULL
);

-- The hash of one audit event: SHA-256 over its fields and the previous hash. Time is written
-- in UTC with microseconds so the text does not depend on the session's time zone; an absent
-- before/after reads 'N', a present one 'J' followed by its JSON.
CREATE FUNCTION audit_event_hash(
    p_tenant_id uuid, p_seq bigint, p_occurred_at timestamptz, p_actor_id uuid,
    p_actor_name text, p_channel text, p_action text, p_entity_type text, p_entity_id text,
    p_before text, p_after text, p_prev_hash text
) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT encode(sha256(convert_to(concat_ws(E'\x1f',
        p_tenant_id::text, p_seq::text,
        to_char(p_occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        coalesce(p_actor_id::text, ''), p_actor_name, p_channel, p_action, p_entity_type,
        p_entity_id, coalesce('J' || p_before, 'N'), coalesce('J' || p_after, 'N'), p_prev_hash), 'UTF8')), 'hex')
$$;

-- Row-level security: the second wall behind the services' checks.
ALTER TABLE agencies ENABLE ROW LEVEL SECURITY;
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_agencies ENABLE ROW LEVEL SECURITY;
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_heads ENABLE ROW LEVEL SECURITY;

CREATE POLICY tenant_isolation ON agencies USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
CREATE POLICY tenant_isolation ON users USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
CREATE POLICY tenant_isolation ON user_agencies USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
CREATE POLICY tenant_isolation ON sessions USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
CREATE POLICY tenant_isolation ON audit_events USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
CREATE POLICY tenant_isolation ON audit_heads USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

GRANT SELECT, INSERT, UPDATE ON bkn_offices, tenants TO mutasi_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON agencies, users, user_agencies, sessions, login_throttle TO mutasi_app;
GRANT SELECT, INSERT ON audit_events TO mutasi_app;
GRANT SELECT, INSERT, UPDATE ON audit_heads TO mutasi_app;
GRANT EXECUTE ON FUNCTION current_tenant_id(), audit_event_hash(uuid, bigint, timestamptz, uuid, text, text, text, text, text, text, text, text) TO mutasi_app;
