-- 013: remote/hardship units (daerah terpencil), which give priority points under a campaign's
-- `remoteService` rule, and contests of priority points (sanggahan poin) an employee files in
-- an open campaign and a tenant admin decides. An upheld contest's adjustment counts in the
-- employee's points of that campaign (computed when read, never stored).

ALTER TABLE units ADD COLUMN remote boolean NOT NULL DEFAULT false;

-- pending -> upheld (with an adjustment and a note) or rejected (with a note).
-- At most one pending contest per employee per campaign.
CREATE TABLE point_contests (
    tenant_id      uuid NOT NULL,
    id             uuid NOT NULL DEFAULT gen_random_uuid(),
    campaign_id    uuid NOT NULL,
    employee_id    uuid NOT NULL,
    reason         text NOT NULL CHECK (char_length(reason) BETWEEN 10 AND 1000),
    state          text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'upheld', 'rejected')),
    adjustment     integer CHECK (adjustment BETWEEN -500 AND 500 AND adjustment <> 0),
    decision_note  text CHECK (char_length(decision_note) BETWEEN 1 AND 1000),
    filed_by       uuid NOT NULL,
    filed_at       timestamptz NOT NULL DEFAULT now(),
    decided_by     uuid,
    decided_at     timestamptz,
    version        integer NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, campaign_id) REFERENCES campaigns (tenant_id, id),
    FOREIGN KEY (tenant_id, employee_id) REFERENCES employees (tenant_id, id),
    CHECK ((state = 'pending') = (decided_at IS NULL)),
    CHECK ((state = 'pending') = (decision_note IS NULL)),
    CHECK ((state = 'upheld') = (adjustment IS NOT NULL))
);
CREATE UNIQUE INDEX point_contests_one_pending ON point_contests (tenant_id, campaign_id, employee_id)
    WHERE state = 'pending';
CREATE INDEX point_contests_campaign ON point_contests (tenant_id, campaign_id, employee_id);

ALTER TABLE point_contests ENABLE ROW LEVEL SECURITY;
ALTER TABLE point_contests FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON point_contests USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

GRANT SELECT, INSERT, UPDATE ON point_contests TO mutasi_app;
