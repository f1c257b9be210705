-- The web pages are a channel of their own in the audit trail: what a user did in the browser
-- reads `web`, beside `api`, `cli` and `system`.
ALTER TABLE audit_events DROP CONSTRAINT audit_events_channel_check;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_channel_check
    CHECK (channel IN ('api', 'cli', 'system', 'web'));
