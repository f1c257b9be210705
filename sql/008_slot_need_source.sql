-- 008: where a slot's need comes from. A need is set by an approved needs analysis (ANJAB-ABK);
-- a tenant admin may override it only with a stated reason, which is kept beside the need (and
-- in the audit trail). 'none' is a slot whose need was never set (0).

ALTER TABLE slots
    ADD COLUMN need_source text NOT NULL DEFAULT 'none' CHECK (need_source IN ('none', 'analysis', 'override')),
    ADD COLUMN need_reason text,
    ADD COLUMN need_analysis_id uuid;

-- Needs set before this migration: from the approved analysis that gave them where there is
-- one, else recorded as an override whose reason says so. Row-level security is forced on these
-- tables (005), so the owner lifts it for this transaction to classify every tenant's slots.
ALTER TABLE slots NO FORCE ROW LEVEL SECURITY;
ALTER TABLE needs_analyses NO FORCE ROW LEVEL SECURITY;

UPDATE slots s SET need_source = 'analysis', need_analysis_id = a.id
FROM (
    SELECT DISTINCT ON (tenant_id, slot_id) tenant_id, slot_id, id, approved_need
    FROM needs_analyses WHERE state = 'approved'
    ORDER BY tenant_id, slot_id, year DESC, decided_at DESC
) a
WHERE a.tenant_id = s.tenant_id AND a.slot_id = s.id AND a.approved_need = s.need;

UPDATE slots SET need_source = 'override', need_reason = 'Kebutuhan tercatat sebelum kebutuhan wajib berasal dari analisis yang disetujui.'
WHERE need_source = 'none' AND need > 0;

ALTER TABLE slots FORCE ROW LEVEL SECURITY;
ALTER TABLE needs_analyses FORCE ROW LEVEL SECURITY;

ALTER TABLE slots
    ADD CONSTRAINT slots_need_reason CHECK ((need_source = 'override') = (need_reason IS NOT NULL)),
    ADD CONSTRAINT slots_need_analysis CHECK ((need_source = 'analysis') = (need_analysis_id IS NOT NULL)),
    ADD CONSTRAINT slots_need_analysis_fk FOREIGN KEY (tenant_id, need_analysis_id) REFERENCES needs_analyses (tenant_id, id);
