-- 005: row-level security forced on the schema owner too, and a job queue that gives up and is fair.
--
-- FORCE makes the tenant_isolation policies hold for the owner of the tables (the role that
-- runs migrations and owns the SECURITY DEFINER functions), not only for the server's role: an
-- owner connection without a scope sees no tenant rows either.

ALTER TABLE agencies FORCE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
ALTER TABLE user_agencies FORCE ROW LEVEL SECURITY;
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
ALTER TABLE audit_heads FORCE ROW LEVEL SECURITY;
ALTER TABLE retirement_ages FORCE ROW LEVEL SECURITY;
ALTER TABLE units FORCE ROW LEVEL SECURITY;
ALTER TABLE slots FORCE ROW LEVEL SECURITY;
ALTER TABLE employees FORCE ROW LEVEL SECURITY;
ALTER TABLE employee_performance FORCE ROW LEVEL SECURITY;
ALTER TABLE position_history FORCE ROW LEVEL SECURITY;
ALTER TABLE needs_settings FORCE ROW LEVEL SECURITY;
ALTER TABLE needs_analyses FORCE ROW LEVEL SECURITY;
ALTER TABLE needs_analysis_tasks FORCE ROW LEVEL SECURITY;
ALTER TABLE needs_analysis_events FORCE ROW LEVEL SECURITY;
ALTER TABLE idempotency_keys FORCE ROW LEVEL SECURITY;
ALTER TABLE jobs FORCE ROW LEVEL SECURITY;
ALTER TABLE plans FORCE ROW LEVEL SECURITY;
ALTER TABLE plan_moves FORCE ROW LEVEL SECURITY;

-- The one cross-tenant step, claiming the next job, runs as the owner inside claim_next_job,
-- which turns mutasi.job_claim on for its own statement only (and off again before it
-- returns). This policy lets the owner role (and no other) see and update jobs of every tenant
-- while that flag is on; the server's role gains nothing from setting the flag itself.
DO $$
BEGIN
    EXECUTE format('CREATE POLICY job_claim ON jobs TO %I
        USING (current_setting(''mutasi.job_claim'', true) = ''on'')
        WITH CHECK (current_setting(''mutasi.job_claim'', true) = ''on'')', current_user);
END
$$;

-- The next job to run, fairly across tenants: the tenant with the fewest jobs running now
-- first, then the one served least recently (so one tenant's many queued jobs alternate with
-- another's single one), then the oldest job. A running job whose heartbeat is stale (its
-- instance died) is claimed again; attempts counts the claims, so the worker can give up on a
-- job that keeps killing its instance. Returns only the job's keys and its attempts.
CREATE INDEX jobs_tenant_started ON jobs (tenant_id, started_at);
DROP FUNCTION claim_next_job(text, integer);
CREATE FUNCTION claim_next_job(p_worker text, p_stale_seconds integer)
RETURNS TABLE (tenant_id uuid, id uuid, kind text, subject_id uuid, attempts integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
BEGIN
    PERFORM set_config('mutasi.job_claim', 'on', true);
    RETURN QUERY
    WITH waiting AS (
        SELECT DISTINCT w.tenant_id FROM jobs w
        WHERE w.state = 'queued'
           OR (w.state = 'running' AND w.heartbeat_at < now() - make_interval(secs => p_stale_seconds))
    ), load AS (
        SELECT t.tenant_id,
               (SELECT count(*) FROM jobs r
                WHERE r.tenant_id = t.tenant_id AND r.state = 'running'
                  AND r.heartbeat_at >= now() - make_interval(secs => p_stale_seconds)) AS running,
               (SELECT max(s.started_at) FROM jobs s WHERE s.tenant_id = t.tenant_id) AS last_started
        FROM waiting t
    )
    UPDATE jobs j
    SET state = 'running', claimed_by = p_worker, heartbeat_at = now(),
        started_at = now(), attempts = j.attempts + 1
    WHERE (j.tenant_id, j.id) = (
        SELECT w.tenant_id, w.id FROM jobs w JOIN load l ON l.tenant_id = w.tenant_id
        WHERE w.state = 'queued'
           OR (w.state = 'running' AND w.heartbeat_at < now() - make_interval(secs => p_stale_seconds))
        ORDER BY l.running, l.last_started NULLS FIRST, w.created_at, w.id
        FOR UPDATE OF w SKIP LOCKED
        LIMIT 1)
    RETURNING j.tenant_id, j.id, j.kind, j.subject_id, j.attempts;
    PERFORM set_config('mutasi.job_claim', 'off', true);
END
$$;
REVOKE ALL ON FUNCTION claim_next_job(text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION claim_next_job(text, integer) TO mutasi_app;

-- `serve` without the owner's connection checks that the schema is current before starting.
GRANT SELECT ON schema_migrations TO mutasi_app;
