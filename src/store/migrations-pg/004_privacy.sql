-- PostgreSQL twin of migrations/004_privacy.sql.

ALTER TABLE account ADD COLUMN erased_at BIGINT;

-- The retention purge looks for deactivated accounts not yet erased.
CREATE INDEX account_deactivated ON account(deactivated_at) WHERE active = 0 AND erased_at IS NULL;
-- The export and the erasure read every audit line about one account.
CREATE INDEX audit_log_target ON audit_log(target_id, at);
