-- 006: each BKN office's area.
--
-- An office covers a list of provinces, by their two-digit Kemendagri codes (Kanreg X Denpasar:
-- 51 Bali, 52 NTB, 53 NTT). Its admins create and manage only tenants whose region code starts
-- with one of them. Existing offices get the provinces of the tenants they already oversee, so
-- nothing they manage today falls outside their area.

ALTER TABLE bkn_offices ADD COLUMN province_codes text[] NOT NULL DEFAULT '{}';

UPDATE bkn_offices o SET province_codes = coalesce(
    (SELECT array_agg(DISTINCT left(t.region_code, 2) ORDER BY left(t.region_code, 2))
       FROM tenants t WHERE t.bkn_office_id = o.id),
    '{}');

-- Every element a province code 11-99, none NULL.
ALTER TABLE bkn_offices ADD CONSTRAINT bkn_offices_province_codes_check CHECK (
    array_position(province_codes, NULL) IS NULL
    AND array_to_string(province_codes, ',') ~ '^((1[1-9]|[2-9][0-9])(,(1[1-9]|[2-9][0-9]))*)?$'
);
