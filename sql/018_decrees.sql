-- 018: decrees (surat keputusan) of approved plans. A tenant's decree settings, a gapless
-- number sequence per tenant and year, the decrees with their content frozen at issue (its
-- SHA-256 beside it), and which employees each decree moves (for extracts and who may read).
-- All distributed by tenant_id.

-- The tenant's decree settings (number pattern, heading, Menimbang, Mengingat, signatory,
-- tembusan) as one JSON object. No row: defaults derived from the tenant, at version 0.
CREATE TABLE decree_settings (
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    settings    jsonb NOT NULL CHECK (jsonb_typeof(settings) = 'object'),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     integer NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id)
);

-- The last number given per tenant and year. Issuing locks the row, so concurrent issues wait
-- for each other and a rolled-back issue gives its number back: the sequence has no gaps.
CREATE TABLE decree_counters (
    tenant_id  uuid NOT NULL REFERENCES tenants (id),
    year       integer NOT NULL CHECK (year BETWEEN 1 AND 9999),
    last_seq   integer NOT NULL CHECK (last_seq >= 1),
    PRIMARY KEY (tenant_id, year)
);

-- A decree: number and content never change once written (the server may update only the
-- status columns); a cancelled decree keeps its number.
CREATE TABLE decrees (
    tenant_id       uuid NOT NULL,
    id              uuid NOT NULL DEFAULT gen_random_uuid(),
    plan_id         uuid NOT NULL,
    agency_id       uuid,
    year            integer NOT NULL CHECK (year BETWEEN 1 AND 9999),
    seq             integer NOT NULL CHECK (seq >= 1),
    number          text NOT NULL CHECK (char_length(number) BETWEEN 1 AND 200),
    effective_date  date NOT NULL,
    content         text NOT NULL,
    content_sha256  text NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
    status          text NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'signed', 'cancelled')),
    issued_by       uuid NOT NULL,
    issued_at       timestamptz NOT NULL DEFAULT now(),
    signed_on       date,
    signed_by       uuid,
    cancelled_at    timestamptz,
    cancelled_by    uuid,
    cancel_reason   text CHECK (cancel_reason IS NULL OR char_length(cancel_reason) BETWEEN 10 AND 1000),
    version         integer NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, year, seq),
    UNIQUE (tenant_id, number),
    FOREIGN KEY (tenant_id, plan_id) REFERENCES plans (tenant_id, id),
    FOREIGN KEY (tenant_id, agency_id) REFERENCES agencies (tenant_id, id),
    FOREIGN KEY (tenant_id, issued_by) REFERENCES users (tenant_id, id),
    CHECK ((signed_on IS NULL) = (signed_by IS NULL)),
    CHECK ((cancelled_at IS NULL) = (cancel_reason IS NULL) AND (cancelled_at IS NULL) = (cancelled_by IS NULL))
);
CREATE INDEX decrees_plan ON decrees (tenant_id, plan_id);

-- The employees a decree moves, with the agencies they leave and join.
CREATE TABLE decree_employees (
    tenant_id       uuid NOT NULL,
    decree_id       uuid NOT NULL,
    employee_id     uuid NOT NULL,
    row_no          integer NOT NULL CHECK (row_no >= 1),
    from_agency_id  uuid NOT NULL,
    to_agency_id    uuid NOT NULL,
    PRIMARY KEY (tenant_id, decree_id, employee_id),
    FOREIGN KEY (tenant_id, decree_id) REFERENCES decrees (tenant_id, id),
    FOREIGN KEY (tenant_id, employee_id) REFERENCES employees (tenant_id, id)
);
CREATE INDEX decree_employees_employee ON decree_employees (tenant_id, employee_id);

ALTER TABLE decree_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE decree_counters ENABLE ROW LEVEL SECURITY;
ALTER TABLE decrees ENABLE ROW LEVEL SECURITY;
ALTER TABLE decree_employees ENABLE ROW LEVEL SECURITY;
ALTER TABLE decree_settings FORCE ROW LEVEL SECURITY;
ALTER TABLE decree_counters FORCE ROW LEVEL SECURITY;
ALTER TABLE decrees FORCE ROW LEVEL SECURITY;
ALTER TABLE decree_employees FORCE ROW LEVEL SECURITY;

CREATE POLICY tenant_isolation ON decree_settings USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
CREATE POLICY tenant_isolation ON decree_counters USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
CREATE POLICY tenant_isolation ON decrees USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
CREATE POLICY tenant_isolation ON decree_employees USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

GRANT SELECT, INSERT, UPDATE ON decree_settings, decree_counters TO mutasi_app;
GRANT SELECT, INSERT ON decrees, decree_employees TO mutasi_app;
GRANT UPDATE (status, signed_on, signed_by, cancelled_at, cancelled_by, cancel_reason, version) ON decrees TO mutasi_app;
