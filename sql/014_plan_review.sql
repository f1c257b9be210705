-- 014: plan review. A built plan is a draft until a tenant admin opens it for review with an
-- answer deadline; each employee with a proposed move then accepts it or objects with a reason,
-- and a tenant admin upholds or rejects each objection. A re-plan records the plan it redoes.
-- The status list grows with the later plan lifecycle (its own migration replaces the check).

ALTER TABLE plans
    ADD COLUMN status text NOT NULL DEFAULT 'draft',
    ADD COLUMN answer_deadline timestamptz,
    ADD COLUMN review_opened_at timestamptz,
    ADD COLUMN replan_of uuid,
    ADD CONSTRAINT plans_status_known CHECK (status IN ('draft', 'in_review')),
    ADD CONSTRAINT plans_review_has_deadline CHECK (status = 'draft' OR answer_deadline IS NOT NULL),
    ADD FOREIGN KEY (tenant_id, replan_of) REFERENCES plans (tenant_id, id);
CREATE INDEX plans_replan_of ON plans (tenant_id, replan_of) WHERE replan_of IS NOT NULL;

-- What the explanation of a move reads, as counted when the plan was built: the target slot's
-- need and its active staff, and the employee's wish. NULL for moves built before.
ALTER TABLE plan_moves
    ADD COLUMN target_need integer,
    ADD COLUMN target_staff integer,
    ADD COLUMN employee_wish text CHECK (employee_wish IN ('move', 'stay', 'none'));
CREATE INDEX plan_moves_employee ON plan_moves (tenant_id, employee_id);

-- An employee's answer to their proposed move, and the decision on an objection.
CREATE TABLE plan_move_answers (
    tenant_id      uuid NOT NULL,
    plan_id        uuid NOT NULL,
    employee_id    uuid NOT NULL,
    answer         text NOT NULL CHECK (answer IN ('accept', 'object')),
    reason         text CHECK (reason IS NULL OR length(reason) BETWEEN 10 AND 1000),
    answered_by    uuid NOT NULL,
    answered_at    timestamptz NOT NULL DEFAULT now(),
    decision       text CHECK (decision IN ('upheld', 'rejected')),
    decision_note  text CHECK (decision_note IS NULL OR length(decision_note) BETWEEN 1 AND 1000),
    decided_by     uuid,
    decided_at     timestamptz,
    version        integer NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, plan_id, employee_id),
    FOREIGN KEY (tenant_id, plan_id, employee_id) REFERENCES plan_moves (tenant_id, plan_id, employee_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, answered_by) REFERENCES users (tenant_id, id),
    FOREIGN KEY (tenant_id, decided_by) REFERENCES users (tenant_id, id),
    CHECK ((answer = 'object') = (reason IS NOT NULL)),
    CHECK (decision IS NULL OR answer = 'object'),
    CHECK ((decision IS NULL) = (decided_at IS NULL))
);

ALTER TABLE plan_move_answers ENABLE ROW LEVEL SECURITY;
ALTER TABLE plan_move_answers FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON plan_move_answers
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

GRANT SELECT, INSERT, UPDATE ON plan_move_answers TO mutasi_app;
