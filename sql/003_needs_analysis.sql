-- 003: needs analysis (analisis jabatan dan analisis beban kerja, ANJAB-ABK) per slot and year,
-- its verification workflow and history, the tenant's ABK settings, and the idempotency keys of
-- submissions. All distributed by tenant_id.
--
-- Exact numbers: volumes, standard minutes, persons per ratio and efficiency bounds are exact
-- decimals (numeric), never floating point, so figures compare exactly against thresholds.

-- A tenant's ABK settings; a tenant without a row uses the defaults. A bound with
-- inclusive = false is "more than" (e.g. A > 1.00 puts exactly 1.00 in B).
CREATE TABLE needs_settings (
    tenant_id                  uuid NOT NULL REFERENCES tenants (id),
    effective_working_minutes  integer NOT NULL DEFAULT 75000 CHECK (effective_working_minutes > 0),
    rounding                   text NOT NULL DEFAULT 'up' CHECK (rounding IN ('up', 'nearest', 'down')),
    grade_a_min                numeric NOT NULL DEFAULT 1.00,
    grade_a_inclusive          boolean NOT NULL DEFAULT true,
    grade_b_min                numeric NOT NULL DEFAULT 0.90,
    grade_b_inclusive          boolean NOT NULL DEFAULT true,
    grade_c_min                numeric NOT NULL DEFAULT 0.70,
    grade_c_inclusive          boolean NOT NULL DEFAULT true,
    grade_d_min                numeric NOT NULL DEFAULT 0.50,
    grade_d_inclusive          boolean NOT NULL DEFAULT true,
    updated_at                 timestamptz NOT NULL DEFAULT now(),
    version                    integer NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id),
    CHECK (grade_d_min >= 0 AND grade_d_min < grade_c_min AND grade_c_min < grade_b_min AND grade_b_min < grade_a_min)
);

-- One analysis of one slot for one year, computed from its tasks (method 'workload') or from a
-- ratio (method 'ratio': population / persons-per). At most one analysis of a slot and year is
-- open (not approved); approved ones stay as the slot's history.
CREATE TABLE needs_analyses (
    tenant_id         uuid NOT NULL,
    id                uuid NOT NULL DEFAULT gen_random_uuid(),
    slot_id           uuid NOT NULL,
    year              integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    method            text NOT NULL CHECK (method IN ('workload', 'ratio')),
    ratio_driver      text,
    ratio_population  bigint CHECK (ratio_population >= 0),
    ratio_per_person  numeric CHECK (ratio_per_person > 0),
    state             text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted', 'approved', 'returned')),
    notes             text,
    approved_need     integer CHECK (approved_need >= 0),
    created_by        uuid NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    submitted_by      uuid,
    submitted_at      timestamptz,
    decided_by        uuid,
    decided_at        timestamptz,
    updated_at        timestamptz NOT NULL DEFAULT now(),
    version           integer NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, slot_id) REFERENCES slots (tenant_id, id),
    CHECK ((method = 'ratio') = (ratio_driver IS NOT NULL AND ratio_population IS NOT NULL AND ratio_per_person IS NOT NULL)),
    CHECK ((state = 'approved') = (approved_need IS NOT NULL))
);
CREATE UNIQUE INDEX needs_analyses_open ON needs_analyses (tenant_id, slot_id, year) WHERE state <> 'approved';
CREATE INDEX needs_analyses_slot ON needs_analyses (tenant_id, slot_id, year);

-- The tasks (uraian tugas) of a workload analysis, in the order entered.
CREATE TABLE needs_analysis_tasks (
    tenant_id         uuid NOT NULL,
    analysis_id       uuid NOT NULL,
    seq               integer NOT NULL,
    name              text NOT NULL,
    volume            numeric NOT NULL CHECK (volume >= 0),
    standard_minutes  numeric NOT NULL CHECK (standard_minutes > 0),
    PRIMARY KEY (tenant_id, analysis_id, seq),
    FOREIGN KEY (tenant_id, analysis_id) REFERENCES needs_analyses (tenant_id, id) ON DELETE CASCADE
);

-- The history of each analysis: every step, who took it and when, with the notes and the
-- figures at that moment. Append-only for the server.
CREATE TABLE needs_analysis_events (
    tenant_id     uuid NOT NULL,
    analysis_id   uuid NOT NULL,
    seq           integer NOT NULL,
    action        text NOT NULL CHECK (action IN ('create', 'update', 'submit', 'approve', 'return')),
    from_state    text,
    to_state      text NOT NULL,
    actor_id      uuid NOT NULL,
    actor_name    text NOT NULL,
    occurred_at   timestamptz NOT NULL DEFAULT now(),
    notes         text,
    need          integer,
    figures       jsonb,
    PRIMARY KEY (tenant_id, analysis_id, seq),
    FOREIGN KEY (tenant_id, analysis_id) REFERENCES needs_analyses (tenant_id, id)
);

-- Idempotency-Key of submissions (per tenant and actor): the request's fingerprint and the
-- response first given, returned again to a retry. Keys older than a day are dropped.
CREATE TABLE idempotency_keys (
    tenant_id     uuid NOT NULL,
    actor_id      uuid NOT NULL,
    key           text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    fingerprint   text NOT NULL,
    response      text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, actor_id, key)
);

ALTER TABLE needs_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE needs_analyses ENABLE ROW LEVEL SECURITY;
ALTER TABLE needs_analysis_tasks ENABLE ROW LEVEL SECURITY;
ALTER TABLE needs_analysis_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;

CREATE POLICY tenant_isolation ON needs_settings USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
CREATE POLICY tenant_isolation ON needs_analyses USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
CREATE POLICY tenant_isolation ON needs_analysis_tasks USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
CREATE POLICY tenant_isolation ON needs_analysis_events USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
CREATE POLICY tenant_isolation ON idempotency_keys USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

GRANT SELECT, INSERT, UPDATE ON needs_settings, needs_analyses TO mutasi_app;
GRANT SELECT, INSERT, DELETE ON needs_analysis_tasks TO mutasi_app;
GRANT SELECT, INSERT ON needs_analysis_events TO mutasi_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_keys TO mutasi_app;
