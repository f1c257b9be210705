-- 017: who took a plan's lifecycle steps. A tenant admin submits a reviewed plan; an approver
-- who neither built nor submitted it approves or rejects it with a note; a tenant admin cancels
-- it with a reason. The plan keeps the latest of each beside its history (plan_events).

ALTER TABLE plans
    ADD COLUMN submitted_by  uuid,
    ADD COLUMN submitted_at  timestamptz,
    ADD COLUMN decided_by    uuid,
    ADD COLUMN decided_at    timestamptz,
    ADD COLUMN decision_note text CHECK (decision_note IS NULL OR char_length(decision_note) BETWEEN 1 AND 1000),
    ADD COLUMN cancelled_by  uuid,
    ADD COLUMN cancelled_at  timestamptz,
    ADD COLUMN cancel_reason text CHECK (cancel_reason IS NULL OR char_length(cancel_reason) BETWEEN 10 AND 1000),
    ADD FOREIGN KEY (tenant_id, submitted_by) REFERENCES users (tenant_id, id),
    ADD FOREIGN KEY (tenant_id, decided_by) REFERENCES users (tenant_id, id),
    ADD FOREIGN KEY (tenant_id, cancelled_by) REFERENCES users (tenant_id, id),
    ADD CONSTRAINT plans_submitted_complete CHECK ((submitted_by IS NULL) = (submitted_at IS NULL)),
    ADD CONSTRAINT plans_decided_complete CHECK ((decided_by IS NULL) = (decided_at IS NULL)),
    ADD CONSTRAINT plans_cancelled_complete CHECK ((cancelled_at IS NULL) = (cancel_reason IS NULL)
                                                  AND (cancelled_at IS NULL) = (cancelled_by IS NULL));

-- The approver who dropped a move is a user of the tenant.
ALTER TABLE plan_moves
    ADD FOREIGN KEY (tenant_id, dropped_by) REFERENCES users (tenant_id, id);

-- The server marks moves dropped and changes nothing else of a stored move.
GRANT UPDATE (dropped_at, dropped_by, dropped_reason) ON plan_moves TO mutasi_app;
