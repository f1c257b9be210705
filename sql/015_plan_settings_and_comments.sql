-- 015: a tenant's default planning policy (the weights a plan takes for the fields its request
-- leaves out), and the comments agency operators write on the proposed moves that touch their
-- agencies. Both distributed by tenant_id.

-- The tenant's default policy: every field of planning.md's policy, as a JSON object (the same
-- form plans.policy stores). No row: the built-in defaults, at version 0.
CREATE TABLE plan_settings (
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    policy      jsonb NOT NULL CHECK (jsonb_typeof(policy) = 'object'),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     integer NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id)
);

-- A comment on one proposed move of a plan. Append-only for the server.
CREATE TABLE plan_move_comments (
    tenant_id    uuid NOT NULL,
    id           uuid NOT NULL DEFAULT gen_random_uuid(),
    plan_id      uuid NOT NULL,
    employee_id  uuid NOT NULL,
    author_id    uuid NOT NULL,
    body         text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, plan_id, employee_id) REFERENCES plan_moves (tenant_id, plan_id, employee_id),
    FOREIGN KEY (tenant_id, author_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX plan_move_comments_move ON plan_move_comments (tenant_id, plan_id, employee_id, created_at);

ALTER TABLE plan_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE plan_move_comments ENABLE ROW LEVEL SECURITY;
ALTER TABLE plan_settings FORCE ROW LEVEL SECURITY;
ALTER TABLE plan_move_comments FORCE ROW LEVEL SECURITY;

CREATE POLICY tenant_isolation ON plan_settings USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
CREATE POLICY tenant_isolation ON plan_move_comments USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

GRANT SELECT, INSERT, UPDATE ON plan_settings TO mutasi_app;
GRANT SELECT, INSERT ON plan_move_comments TO mutasi_app;
