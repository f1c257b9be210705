-- enqueue_due_plan_executions (019) queued the jobs with one INSERT ... SELECT that read the
-- plans and the jobs together. On Citus `plans` is distributed and `jobs` stays on the
-- coordinator, and one statement may not join the two: the due plans are now read first, then
-- each one's job is queued unless one is waiting, in statements of their own. The flags are set
-- with SET LOCAL, which Citus passes on to the workers that read the plans (set_config it does
-- not); the function's own SET clause ends them with it on one server, and they are turned off
-- before it returns. Same result on one server.
CREATE OR REPLACE FUNCTION enqueue_due_plan_executions(p_today date)
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    due record;
    queued integer := 0;
BEGIN
    SET LOCAL mutasi.job_claim = 'on';
    SET LOCAL mutasi.due_scan = 'on';
    FOR due IN
        SELECT p.tenant_id, p.id FROM plans p
        WHERE p.status = 'decreed' AND p.effective_date <= p_today
        ORDER BY p.tenant_id, p.id
    LOOP
        IF NOT EXISTS (SELECT 1 FROM jobs j WHERE j.tenant_id = due.tenant_id AND j.subject_id = due.id
                       AND j.kind = 'plan.execute' AND j.state IN ('queued', 'running')) THEN
            INSERT INTO jobs (tenant_id, kind, subject_id) VALUES (due.tenant_id, 'plan.execute', due.id);
            queued := queued + 1;
        END IF;
    END LOOP;
    SET LOCAL mutasi.due_scan = 'off';
    SET LOCAL mutasi.job_claim = 'off';
    RETURN queued;
END
$$;
