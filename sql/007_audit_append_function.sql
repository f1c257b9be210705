-- 007: the audit trail is appended only through audit_append.
--
-- Whoever holds the server's credentials (mutasi_app) may read the trail and append to it, but
-- can no longer insert an event with a made-up sequence number or hash, nor move a chain's head:
-- audit_append, owned by the schema owner, numbers, times and hashes the event itself.
--
-- The function works in the caller's scope: it appends only to the chain of the transaction's
-- current_tenant_id(), so row-level security (tenant_isolation) holds for its statements whether
-- or not it is forced on the owner; it never relies on bypassing it.

CREATE FUNCTION audit_append(
    p_tenant_id uuid, p_actor_id uuid, p_actor_name text, p_channel text, p_action text,
    p_entity_type text, p_entity_id text, p_before text, p_after text
) RETURNS audit_events
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
DECLARE
    head audit_heads;
    appended audit_events;
    stamp timestamptz := clock_timestamp();
BEGIN
    IF p_tenant_id IS NULL OR p_tenant_id IS DISTINCT FROM current_tenant_id() THEN
        RAISE EXCEPTION 'audit events are appended only to the chain of the current scope'
            USING ERRCODE = 'insufficient_privilege';
    END IF;

    INSERT INTO audit_heads (tenant_id, seq, hash) VALUES (p_tenant_id, 0, '')
    ON CONFLICT (tenant_id) DO NOTHING;
    SELECT * INTO STRICT head FROM audit_heads WHERE tenant_id = p_tenant_id FOR UPDATE;

    INSERT INTO audit_events (tenant_id, seq, occurred_at, actor_id, actor_name, channel, action,
                              entity_type, entity_id, before_json, after_json, prev_hash, hash)
    VALUES (p_tenant_id, head.seq + 1, stamp, p_actor_id, p_actor_name, p_channel, p_action,
            p_entity_type, p_entity_id, p_before, p_after, head.hash,
            audit_event_hash(p_tenant_id, head.seq + 1, stamp, p_actor_id, p_actor_name, p_channel, p_action,
                             p_entity_type, p_entity_id, p_before, p_after, head.hash))
    RETURNING * INTO STRICT appended;

    UPDATE audit_heads SET seq = appended.seq, hash = appended.hash WHERE tenant_id = p_tenant_id;
    RETURN appended;
END
$$;

REVOKE ALL ON FUNCTION audit_append(uuid, uuid, text, text, text, text, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_append(uuid, uuid, text, text, text, text, text, text, text) TO mutasi_app;

-- The server reads the trail and its heads; only audit_append writes them.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_events FROM mutasi_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_heads FROM mutasi_app;
GRANT SELECT ON audit_events, audit_heads TO mutasi_app;
