-- session_identity (022) computed a page session's new idle expiry inside its UPDATE from the row's
-- created_at (`created_at + make_interval(...)`). Citus refuses an UPDATE on a distributed table
-- whose SET applies a STABLE function to a column, so the cap is now read first and the UPDATE
-- sets values only. Same result on one server.
CREATE OR REPLACE FUNCTION session_identity(p_scope uuid, p_token_hash text, p_now timestamptz,
                                            p_idle_until timestamptz, p_lifetime_seconds double precision)
RETURNS TABLE (user_tenant_id uuid, user_id uuid, username text, full_name text, role text,
               bkn_office_id uuid, employee_id uuid, active boolean, version integer, agency_ids uuid[],
               tenant_id uuid, tenant_code text, tenant_name text, tenant_kind text, tenant_region_code text,
               tenant_office_id uuid, tenant_active boolean, tenant_version integer, office_provinces text[])
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    v_user uuid;
    v_cap timestamptz;
BEGIN
    PERFORM set_config('mutasi.tenant_id', p_scope::text, true);
    SELECT s.user_id, s.created_at + make_interval(secs => p_lifetime_seconds) INTO v_user, v_cap
    FROM sessions s
    WHERE s.tenant_id = p_scope AND s.token_hash = p_token_hash
      AND s.revoked_at IS NULL AND s.expires_at > p_now;
    IF v_user IS NULL THEN
        RETURN;
    END IF;
    IF p_idle_until IS NOT NULL THEN
        UPDATE sessions s SET expires_at = LEAST(v_cap, p_idle_until)
        WHERE s.tenant_id = p_scope AND s.token_hash = p_token_hash;
    END IF;
    RETURN QUERY
        SELECT u.tenant_id, u.id, u.username, u.full_name, u.role, u.bkn_office_id, u.employee_id, u.active, u.version,
               COALESCE((SELECT array_agg(a.agency_id ORDER BY a.agency_id) FROM user_agencies a
                         WHERE a.tenant_id = p_scope AND a.user_id = u.id), '{}'::uuid[]),
               t.id, t.code, t.name, t.kind, t.region_code, t.bkn_office_id, t.active, t.version,
               o.province_codes
        FROM users u
        LEFT JOIN tenants t ON t.id = u.tenant_id
        LEFT JOIN bkn_offices o ON u.role = 'bkn_admin' AND o.id = u.bkn_office_id
        WHERE u.tenant_id = p_scope AND u.id = v_user;
END
$$;
