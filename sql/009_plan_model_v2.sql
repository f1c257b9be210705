-- 009: planning model version 2. Each move says whether it is voluntary or compulsory, the rank
-- of its unit among the employee's listed wishes, the grant for a wish met and the burden of a
-- compulsory move; each plan keeps its voice figures. Version 1's preference cost is no longer
-- computed: kept for plans built before, empty for new ones.

ALTER TABLE plan_moves
    ADD COLUMN kind text NOT NULL DEFAULT 'compulsory' CHECK (kind IN ('voluntary', 'compulsory')),
    ADD COLUMN wish_rank integer CHECK (wish_rank BETWEEN 0 AND 4),
    ADD COLUMN wish_grant integer NOT NULL DEFAULT 0,
    ADD COLUMN burden integer NOT NULL DEFAULT 0,
    ALTER COLUMN preference DROP NOT NULL;

ALTER TABLE plans ADD COLUMN voice jsonb;
