-- 016: the whole life of a plan after review. draft -> in_review -> submitted -> approved or
-- rejected -> decreed -> executed; cancelled from any state before executed. Each step is kept
-- in the plan's history (plan_events), beside the audit trail. The effective date (TMT) is set
-- when the plan is decreed and is when its moves are carried out.

ALTER TABLE plans DROP CONSTRAINT plans_status_known;
ALTER TABLE plans DROP CONSTRAINT plans_review_has_deadline;
ALTER TABLE plans
    ADD CONSTRAINT plans_status_known CHECK (status IN ('draft', 'in_review', 'submitted', 'approved', 'rejected',
                                                        'decreed', 'executed', 'cancelled')),
    ADD CONSTRAINT plans_review_has_deadline CHECK (status <> 'in_review' OR answer_deadline IS NOT NULL),
    ADD COLUMN effective_date date;

-- A move the approver dropped before approving, with the reason. Decrees and execution carry
-- only the kept moves (dropped_at IS NULL).
ALTER TABLE plan_moves
    ADD COLUMN dropped_at     timestamptz,
    ADD COLUMN dropped_by     uuid,
    ADD COLUMN dropped_reason text CHECK (dropped_reason IS NULL OR char_length(dropped_reason) BETWEEN 10 AND 1000),
    ADD CONSTRAINT plan_moves_dropped_complete CHECK ((dropped_at IS NULL) = (dropped_reason IS NULL)
                                                      AND (dropped_at IS NULL) = (dropped_by IS NULL));

-- One row per step a plan took: which status it left and entered, who, when and why.
CREATE TABLE plan_events (
    tenant_id    uuid NOT NULL,
    plan_id      uuid NOT NULL,
    seq          integer NOT NULL CHECK (seq >= 1),
    step         text NOT NULL CHECK (char_length(step) BETWEEN 1 AND 64),
    from_status  text NOT NULL,
    to_status    text NOT NULL,
    actor_id     uuid,
    note         text CHECK (note IS NULL OR char_length(note) BETWEEN 1 AND 2000),
    at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, plan_id, seq),
    FOREIGN KEY (tenant_id, plan_id) REFERENCES plans (tenant_id, id) ON DELETE CASCADE
);

ALTER TABLE plan_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE plan_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON plan_events USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

GRANT SELECT, INSERT ON plan_events TO mutasi_app;
