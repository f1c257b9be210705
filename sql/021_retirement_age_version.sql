-- A version for each tenant's retirement-age table, so that replacing it takes If-Match like every
-- other versioned resource. No row: the table was never replaced (version 0).
CREATE TABLE retirement_age_versions (
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    version     integer NOT NULL CHECK (version >= 1),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id)
);

ALTER TABLE retirement_age_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE retirement_age_versions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON retirement_age_versions
    USING (tenant_id = current_tenant_id()) WITH CHECK (tenant_id = current_tenant_id());
GRANT SELECT, INSERT, UPDATE ON retirement_age_versions TO mutasi_app;

-- Tables that already departed from the defaults start at version 1.
INSERT INTO retirement_age_versions (tenant_id, version)
SELECT DISTINCT tenant_id, 1 FROM retirement_ages;
