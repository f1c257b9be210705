-- 011: a plan built from a closed preference campaign records it; its instance then carries the
-- wishes and ranked units of that campaign's forms. NULL: built without a campaign.

ALTER TABLE plans ADD COLUMN campaign_id uuid;
ALTER TABLE plans ADD FOREIGN KEY (tenant_id, campaign_id) REFERENCES campaigns (tenant_id, id);
CREATE INDEX plans_campaign ON plans (tenant_id, campaign_id) WHERE campaign_id IS NOT NULL;
