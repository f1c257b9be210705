-- 004: transfer plans (rencana mutasi) built from live data, and the background job queue that
-- builds them off the request path. Distributed by tenant_id.

-- Background work. Any server instance claims the next job with FOR UPDATE SKIP LOCKED (through
-- claim_next_job below); a running job whose heartbeat went stale (its instance died) is
-- claimed again by another. Its state is always visible to the tenant.
CREATE TABLE jobs (
    tenant_id     uuid NOT NULL REFERENCES tenants (id),
    id            uuid NOT NULL DEFAULT gen_random_uuid(),
    kind          text NOT NULL,
    subject_id    uuid NOT NULL,
    state         text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'succeeded', 'failed')),
    progress      double precision NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
    message       text,
    attempts      integer NOT NULL DEFAULT 0,
    claimed_by    text,
    heartbeat_at  timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    started_at    timestamptz,
    finished_at   timestamptz,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX jobs_waiting ON jobs (created_at) WHERE state IN ('queued', 'running');

-- A plan: the policy it was built with, the exact planning.md instance it was built from, and
-- the result (objective, balance before and after). Its moves are in plan_moves.
CREATE TABLE plans (
    tenant_id       uuid NOT NULL REFERENCES tenants (id),
    id              uuid NOT NULL DEFAULT gen_random_uuid(),
    name            text NOT NULL,
    policy          jsonb NOT NULL,
    build_state     text NOT NULL DEFAULT 'queued' CHECK (build_state IN ('queued', 'building', 'built', 'failed')),
    build_error     text,
    instance_json   text,
    objective       bigint,
    balance_before  jsonb,
    balance_after   jsonb,
    move_count      integer,
    created_by      uuid NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    built_at        timestamptz,
    version         integer NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id)
);

-- One proposed transfer with its explanation (planning.md costs).
CREATE TABLE plan_moves (
    tenant_id       uuid NOT NULL,
    plan_id         uuid NOT NULL,
    employee_id     uuid NOT NULL,
    from_slot_id    uuid NOT NULL,
    to_slot_id      uuid NOT NULL,
    cost            integer NOT NULL,
    fit             integer NOT NULL,
    preference      integer NOT NULL,
    distance        integer NOT NULL,
    training_needs  jsonb NOT NULL DEFAULT '[]',
    PRIMARY KEY (tenant_id, plan_id, employee_id),
    FOREIGN KEY (tenant_id, plan_id) REFERENCES plans (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, employee_id) REFERENCES employees (tenant_id, id),
    FOREIGN KEY (tenant_id, from_slot_id) REFERENCES slots (tenant_id, id),
    FOREIGN KEY (tenant_id, to_slot_id) REFERENCES slots (tenant_id, id)
);

ALTER TABLE jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE plans ENABLE ROW LEVEL SECURITY;
ALTER TABLE plan_moves ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON jobs USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
CREATE POLICY tenant_isolation ON plans USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
CREATE POLICY tenant_isolation ON plan_moves USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

GRANT SELECT, INSERT, UPDATE ON jobs, plans TO mutasi_app;
GRANT SELECT, INSERT, DELETE ON plan_moves TO mutasi_app;

-- The one cross-tenant read the server needs: which job to do next. Runs as the schema owner
-- (row-level security does not hold it back) and returns only the job's keys; the worker then
-- enters that job's tenant scope for everything else.
CREATE FUNCTION claim_next_job(p_worker text, p_stale_seconds integer)
RETURNS TABLE (tenant_id uuid, id uuid, kind text, subject_id uuid)
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    UPDATE jobs j
    SET state = 'running', claimed_by = p_worker, heartbeat_at = now(),
        started_at = coalesce(j.started_at, now()), attempts = j.attempts + 1
    WHERE (j.tenant_id, j.id) = (
        SELECT w.tenant_id, w.id FROM jobs w
        WHERE w.state = 'queued'
           OR (w.state = 'running' AND w.heartbeat_at < now() - make_interval(secs => p_stale_seconds))
        ORDER BY w.created_at
        FOR UPDATE SKIP LOCKED
        LIMIT 1)
    RETURNING j.tenant_id, j.id, j.kind, j.subject_id
$$;
REVOKE ALL ON FUNCTION claim_next_job(text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION claim_next_job(text, integer) TO mutasi_app;
