-- Erasure of a person's data, asked for by the family or done by
-- `ardoise purge` once a deactivated account has passed the retention period.
-- The account row stays with a placeholder name and login so that the
-- anonymised attempts keep their account, structure and level; erased_at is
-- when the identifying fields were replaced.
ALTER TABLE account ADD COLUMN erased_at INTEGER;

-- The retention purge looks for deactivated accounts not yet erased.
CREATE INDEX account_deactivated ON account(deactivated_at) WHERE active = 0 AND erased_at IS NULL;
-- The export and the erasure read every audit line about one account.
CREATE INDEX audit_log_target ON audit_log(target_id, at);
