-- 012: the rules by which a campaign gives its employees priority points (poin prioritas):
-- {"perYearInPost": 0..100, "yearsInPostCap": 0..40, "familyReunion": 0..500, "health": 0..500};
-- absent rules give nothing. Points themselves are computed when read, never stored.

ALTER TABLE campaigns ADD COLUMN point_rules jsonb NOT NULL DEFAULT '{}'
    CHECK (jsonb_typeof(point_rules) = 'object');
