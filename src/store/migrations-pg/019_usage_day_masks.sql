-- Masks of the days of a month on which a child was active, and on which
-- the child wrote to a tutor (bit d - 1 for day d). With them, the distinct
-- active children of a range that cuts a month read one row per child and
-- month instead of one per child and day. The rows already built get their
-- masks from the daily rows.
ALTER TABLE usage_child_month ADD COLUMN active_days BIGINT NOT NULL DEFAULT 0;
ALTER TABLE usage_child_month ADD COLUMN tutoring_days BIGINT NOT NULL DEFAULT 0;
UPDATE usage_child_month m SET
	active_days = coalesce((SELECT sum(CAST(1 AS BIGINT) << (EXTRACT(DAY FROM DATE '1970-01-01' + CAST(d.day AS INTEGER))::INTEGER - 1))
		FROM usage_child_day d WHERE d.account_id = m.account_id AND d.structure_id IS NOT DISTINCT FROM m.structure_id
		AND to_char(DATE '1970-01-01' + CAST(d.day AS INTEGER), 'YYYY-MM') = to_char(make_date(CAST(m.month / 12 AS INTEGER), CAST(m.month % 12 + 1 AS INTEGER), 1), 'YYYY-MM')), 0),
	tutoring_days = coalesce((SELECT sum(CAST(1 AS BIGINT) << (EXTRACT(DAY FROM DATE '1970-01-01' + CAST(d.day AS INTEGER))::INTEGER - 1))
		FROM usage_child_day d WHERE d.account_id = m.account_id AND d.structure_id IS NOT DISTINCT FROM m.structure_id AND d.tutoring > 0
		AND to_char(DATE '1970-01-01' + CAST(d.day AS INTEGER), 'YYYY-MM') = to_char(make_date(CAST(m.month / 12 AS INTEGER), CAST(m.month % 12 + 1 AS INTEGER), 1), 'YYYY-MM')), 0);
-- Covering indexes with the masks, in place of those of migration 010.
DROP INDEX usage_child_month_month;
DROP INDEX usage_child_month_structure;
CREATE INDEX usage_child_month_month ON usage_child_month(month, structure_id, account_id, tutoring, active_days, tutoring_days);
CREATE INDEX usage_child_month_structure ON usage_child_month(structure_id, month, account_id, tutoring, active_days, tutoring_days);
