-- 019: carrying out a decreed plan on its effective date (TMT), and the follow-up of each move.
-- Every kept move gets one execution row once it has been dealt with: `executed` (the employee
-- now holds the target slot) or `skipped` with the reason it could not be applied. An executed
-- move then carries the date the employee reported for duty (SPMT), a mentor from the receiving
-- unit and a training plan (plan_move_training).

CREATE TABLE plan_move_executions (
    tenant_id          uuid NOT NULL,
    plan_id            uuid NOT NULL,
    employee_id        uuid NOT NULL,
    outcome            text NOT NULL CHECK (outcome IN ('executed', 'skipped')),
    -- Stable code of why a move was skipped (employee.moved, employee.locked, ...), and its text.
    reason             text CHECK (reason IS NULL OR char_length(reason) BETWEEN 1 AND 64),
    note               text CHECK (note IS NULL OR char_length(note) BETWEEN 1 AND 1000),
    effective_date     date NOT NULL,
    at                 timestamptz NOT NULL DEFAULT now(),
    reported_on        date,
    reported_by        uuid,
    reported_at        timestamptz,
    mentor_id          uuid,
    mentor_named_by    uuid,
    mentor_named_at    timestamptz,
    version            integer NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, plan_id, employee_id),
    FOREIGN KEY (tenant_id, plan_id, employee_id) REFERENCES plan_moves (tenant_id, plan_id, employee_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, mentor_id) REFERENCES employees (tenant_id, id),
    FOREIGN KEY (tenant_id, reported_by) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, mentor_named_by) REFERENCES users (tenant_id, id),
    CHECK ((outcome = 'skipped') = (reason IS NOT NULL)),
    CHECK (outcome = 'executed' OR (reported_on IS NULL AND mentor_id IS NULL)),
    CHECK (reported_on IS NULL OR reported_on >= effective_date),
    CHECK ((reported_on IS NULL) = (reported_at IS NULL)),
    CHECK ((mentor_id IS NULL) = (mentor_named_at IS NULL)),
    CHECK (mentor_id IS NULL OR mentor_id <> employee_id)
);

-- One item of an executed move's training plan: the competency and gap it closes, the course,
-- its lesson hours (JP) and due date, planned or done.
CREATE TABLE plan_move_training (
    tenant_id    uuid NOT NULL,
    plan_id      uuid NOT NULL,
    employee_id  uuid NOT NULL,
    seq          integer NOT NULL CHECK (seq BETWEEN 1 AND 50),
    competency   text NOT NULL CHECK (char_length(competency) BETWEEN 1 AND 64),
    gap          integer NOT NULL CHECK (gap BETWEEN 0 AND 5),
    course       text NOT NULL CHECK (char_length(course) BETWEEN 1 AND 200),
    hours        integer NOT NULL CHECK (hours BETWEEN 1 AND 200),
    due_on       date NOT NULL,
    status       text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done')),
    PRIMARY KEY (tenant_id, plan_id, employee_id, seq),
    FOREIGN KEY (tenant_id, plan_id, employee_id) REFERENCES plan_move_executions (tenant_id, plan_id, employee_id) ON DELETE CASCADE
);
CREATE INDEX plan_move_training_employee ON plan_move_training (tenant_id, employee_id, due_on);

ALTER TABLE plan_move_executions ENABLE ROW LEVEL SECURITY;
ALTER TABLE plan_move_training ENABLE ROW LEVEL SECURITY;
ALTER TABLE plan_move_executions FORCE ROW LEVEL SECURITY;
ALTER TABLE plan_move_training FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON plan_move_executions USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
CREATE POLICY tenant_isolation ON plan_move_training USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

GRANT SELECT, INSERT, UPDATE ON plan_move_executions TO mutasi_app;
GRANT SELECT, INSERT, DELETE ON plan_move_training TO mutasi_app;

-- The periodic cross-tenant step of execution: queue one `plan.execute` job for every decreed
-- plan whose effective date has come, unless one is already waiting. Runs as the schema owner
-- (like claim_next_job), which row-level security holds back too: the function turns on, for
-- its own statement only, `mutasi.job_claim` (the jobs policy of 005) and `mutasi.due_scan`,
-- which lets the owner role alone read plans' status and effective date. The job then works
-- inside the plan's tenant. Returns how many jobs it queued.
DO $$
BEGIN
    EXECUTE format('CREATE POLICY due_scan ON plans FOR SELECT TO %I
        USING (current_setting(''mutasi.due_scan'', true) = ''on'')', current_user);
END
$$;

CREATE FUNCTION enqueue_due_plan_executions(p_today date)
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    queued integer;
BEGIN
    PERFORM set_config('mutasi.job_claim', 'on', true);
    PERFORM set_config('mutasi.due_scan', 'on', true);
    INSERT INTO jobs (tenant_id, kind, subject_id)
    SELECT p.tenant_id, 'plan.execute', p.id FROM plans p
    WHERE p.status = 'decreed' AND p.effective_date <= p_today
      AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.tenant_id = p.tenant_id AND j.subject_id = p.id
                      AND j.kind = 'plan.execute' AND j.state IN ('queued', 'running'));
    GET DIAGNOSTICS queued = ROW_COUNT;
    PERFORM set_config('mutasi.due_scan', 'off', true);
    PERFORM set_config('mutasi.job_claim', 'off', true);
    RETURN queued;
END
$$;
REVOKE ALL ON FUNCTION enqueue_due_plan_executions(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION enqueue_due_plan_executions(date) TO mutasi_app;
