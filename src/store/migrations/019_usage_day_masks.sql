-- Masks of the days of a month on which a child was active, and on which
-- the child wrote to a tutor (bit d - 1 for day d). With them, the distinct
-- active children of a range that cuts a month read one row per child and
-- month instead of one per child and day. The rows already built get their
-- masks from the daily rows.
ALTER TABLE usage_child_month ADD COLUMN active_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE usage_child_month ADD COLUMN tutoring_days INTEGER NOT NULL DEFAULT 0;
UPDATE usage_child_month SET
	active_days = (SELECT coalesce(sum(1 << (CAST(strftime('%d', d.day * 86400, 'unixepoch') AS INTEGER) - 1)), 0)
		FROM usage_child_day d WHERE d.account_id = usage_child_month.account_id AND d.structure_id IS usage_child_month.structure_id
		AND strftime('%Y-%m', d.day * 86400, 'unixepoch') = printf('%04d-%02d', usage_child_month.month / 12, usage_child_month.month % 12 + 1)),
	tutoring_days = (SELECT coalesce(sum(1 << (CAST(strftime('%d', d.day * 86400, 'unixepoch') AS INTEGER) - 1)), 0)
		FROM usage_child_day d WHERE d.account_id = usage_child_month.account_id AND d.structure_id IS usage_child_month.structure_id
		AND d.tutoring > 0
		AND strftime('%Y-%m', d.day * 86400, 'unixepoch') = printf('%04d-%02d', usage_child_month.month / 12, usage_child_month.month % 12 + 1));
-- Covering indexes with the masks, in place of those of migration 010.
DROP INDEX usage_child_month_month;
DROP INDEX usage_child_month_structure;
CREATE INDEX usage_child_month_month ON usage_child_month(month, structure_id, account_id, tutoring, active_days, tutoring_days);
CREATE INDEX usage_child_month_structure ON usage_child_month(structure_id, month, account_id, tutoring, active_days, tutoring_days);
