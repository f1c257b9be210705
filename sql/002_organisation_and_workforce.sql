-- 002: organisation (units, slots, retirement ages) and the workforce (employees, their
-- competencies, performance ratings and position history). All distributed by tenant_id.

-- Retirement age (BUP) per position kind, where a tenant departs from the defaults of the
-- rules (product.md); kinds without a row use the default.
CREATE TABLE retirement_ages (
    tenant_id      uuid NOT NULL REFERENCES tenants (id),
    position_kind  text NOT NULL,
    age            integer NOT NULL CHECK (age BETWEEN 50 AND 75),
    PRIMARY KEY (tenant_id, position_kind)
);

-- Work units (unit kerja: school, puskesmas, office) of an agency, with their region.
CREATE TABLE units (
    tenant_id    uuid NOT NULL,
    id           uuid NOT NULL DEFAULT gen_random_uuid(),
    agency_id    uuid NOT NULL,
    code         text NOT NULL,
    name         text NOT NULL,
    region_code  text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    version      integer NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, code),
    FOREIGN KEY (tenant_id, agency_id) REFERENCES agencies (tenant_id, id)
);

-- Slots: one position (jabatan) in one unit. `need` is the approved required headcount.
CREATE TABLE slots (
    tenant_id         uuid NOT NULL,
    id                uuid NOT NULL DEFAULT gen_random_uuid(),
    unit_id           uuid NOT NULL,
    code              text NOT NULL,
    name              text NOT NULL,
    position_kind     text NOT NULL,
    min_grade         integer NOT NULL CHECK (min_grade BETWEEN 1 AND 17),
    max_grade         integer NOT NULL CHECK (max_grade BETWEEN 1 AND 17),
    education_fields  text[] NOT NULL DEFAULT '{}',
    -- [{"code": "EPI", "level": 3}, ...], levels 1..5
    competencies      jsonb NOT NULL DEFAULT '[]',
    need              integer NOT NULL DEFAULT 0 CHECK (need >= 0),
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    version           integer NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, unit_id, code),
    FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id),
    CHECK (min_grade <= max_grade)
);

-- Employees (ASN: PNS and PPPK), identified by NIP / NI PPPK within their tenant.
CREATE TABLE employees (
    tenant_id           uuid NOT NULL,
    id                  uuid NOT NULL DEFAULT gen_random_uuid(),
    nip                 text NOT NULL CHECK (nip ~ '^[0-9]{18}$'),
    kind                text NOT NULL CHECK (kind IN ('PNS', 'PPPK')),
    name                text NOT NULL,
    birth_date          date NOT NULL,
    sex                 smallint NOT NULL CHECK (sex IN (1, 2)),
    grade               integer NOT NULL CHECK (grade BETWEEN 1 AND 17),
    education_level     text NOT NULL DEFAULT '',
    education_field     text NOT NULL DEFAULT '',
    -- {"EPI": 2, ...}, levels 0..5
    competencies        jsonb NOT NULL DEFAULT '{}',
    slot_id             uuid,
    slot_since          date,
    transfer_requested  boolean NOT NULL DEFAULT false,
    locked              boolean NOT NULL DEFAULT false,
    lock_reason         text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    version             integer NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, nip),
    FOREIGN KEY (tenant_id, slot_id) REFERENCES slots (tenant_id, id),
    CHECK ((slot_id IS NULL) = (slot_since IS NULL)),
    CHECK (NOT locked OR lock_reason IS NOT NULL)
);
CREATE INDEX employees_slot ON employees (tenant_id, slot_id);

-- Performance rating (predikat SKP) per year, 1 Sangat Kurang .. 5 Sangat Baik.
CREATE TABLE employee_performance (
    tenant_id    uuid NOT NULL,
    employee_id  uuid NOT NULL,
    year         integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    predicate    smallint NOT NULL CHECK (predicate BETWEEN 1 AND 5),
    PRIMARY KEY (tenant_id, employee_id, year),
    FOREIGN KEY (tenant_id, employee_id) REFERENCES employees (tenant_id, id) ON DELETE CASCADE
);

-- Where an employee served, and from when to when (riwayat jabatan).
CREATE TABLE position_history (
    tenant_id    uuid NOT NULL,
    employee_id  uuid NOT NULL,
    seq          integer NOT NULL,
    slot_id      uuid NOT NULL,
    started_on   date NOT NULL,
    ended_on     date,
    PRIMARY KEY (tenant_id, employee_id, seq),
    FOREIGN KEY (tenant_id, employee_id) REFERENCES employees (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, slot_id) REFERENCES slots (tenant_id, id),
    CHECK (ended_on IS NULL OR ended_on >= started_on)
);

-- An employee user's own record.
ALTER TABLE users ADD FOREIGN KEY (tenant_id, employee_id) REFERENCES employees (tenant_id, id);

ALTER TABLE retirement_ages ENABLE ROW LEVEL SECURITY;
ALTER TABLE units ENABLE ROW LEVEL SECURITY;
ALTER TABLE slots ENABLE ROW LEVEL SECURITY;
ALTER TABLE employees ENABLE ROW LEVEL SECURITY;
ALTER TABLE employee_performance ENABLE ROW LEVEL SECURITY;
ALTER TABLE position_history ENABLE ROW LEVEL SECURITY;

CREATE POLICY tenant_isolation ON retirement_ages USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
CREATE POLICY tenant_isolation ON units USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
CREATE POLICY tenant_isolation ON slots USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
CREATE POLICY tenant_isolation ON employees USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
CREATE POLICY tenant_isolation ON employee_performance USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
CREATE POLICY tenant_isolation ON position_history USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

GRANT SELECT, INSERT, UPDATE, DELETE ON retirement_ages, units, slots, employees, employee_performance, position_history TO mutasi_app;
