-- 010: preference campaigns (kampanye preferensi) and the preference forms (formulir preferensi)
-- employees file in them, with every version of each form kept. All distributed by tenant_id.

-- A campaign: when employees may file forms, the agencies it covers (empty: the whole tenant)
-- and the deadline for answers to proposed moves. draft -> open -> closed.
CREATE TABLE campaigns (
    tenant_id        uuid NOT NULL REFERENCES tenants (id),
    id               uuid NOT NULL DEFAULT gen_random_uuid(),
    name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    opens_at         timestamptz NOT NULL,
    closes_at        timestamptz NOT NULL,
    answer_deadline  timestamptz,
    agency_ids       uuid[] NOT NULL DEFAULT '{}',
    state            text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'open', 'closed')),
    created_by       uuid NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    opened_at        timestamptz,
    closed_at        timestamptz,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          integer NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    CHECK (opens_at < closes_at),
    CHECK (answer_deadline IS NULL OR answer_deadline >= closes_at)
);
CREATE INDEX campaigns_state ON campaigns (tenant_id, state);

-- The current form of one employee in one campaign.
CREATE TABLE preference_forms (
    tenant_id          uuid NOT NULL,
    campaign_id        uuid NOT NULL,
    employee_id        uuid NOT NULL,
    wish               text NOT NULL CHECK (wish IN ('move', 'stay', 'none')),
    preferences        uuid[] NOT NULL DEFAULT '{}' CHECK (cardinality(preferences) <= 5),
    -- [{"category": "health", "text": "..."}, ...]
    reasons            jsonb NOT NULL DEFAULT '[]',
    spouse_workplace   text,
    request_status     text CHECK (request_status IN ('filed')),
    filed_at           timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    version            integer NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, campaign_id, employee_id),
    FOREIGN KEY (tenant_id, campaign_id) REFERENCES campaigns (tenant_id, id),
    FOREIGN KEY (tenant_id, employee_id) REFERENCES employees (tenant_id, id)
);

-- Every version of every form, as filed. Append-only for the server.
CREATE TABLE preference_form_versions (
    tenant_id          uuid NOT NULL,
    campaign_id        uuid NOT NULL,
    employee_id        uuid NOT NULL,
    version            integer NOT NULL,
    wish               text NOT NULL,
    preferences        uuid[] NOT NULL,
    reasons            jsonb NOT NULL,
    spouse_workplace   text,
    filed_by           uuid NOT NULL,
    filed_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, campaign_id, employee_id, version),
    FOREIGN KEY (tenant_id, campaign_id, employee_id) REFERENCES preference_forms (tenant_id, campaign_id, employee_id)
);

ALTER TABLE campaigns ENABLE ROW LEVEL SECURITY;
ALTER TABLE preference_forms ENABLE ROW LEVEL SECURITY;
ALTER TABLE preference_form_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE campaigns FORCE ROW LEVEL SECURITY;
ALTER TABLE preference_forms FORCE ROW LEVEL SECURITY;
ALTER TABLE preference_form_versions FORCE ROW LEVEL SECURITY;

CREATE POLICY tenant_isolation ON campaigns USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
CREATE POLICY tenant_isolation ON preference_forms USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
CREATE POLICY tenant_isolation ON preference_form_versions USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());

GRANT SELECT, INSERT, UPDATE ON campaigns, preference_forms TO mutasi_app;
GRANT SELECT, INSERT ON preference_form_versions TO mutasi_app;
