-- The children active in each structure and month, and in each structure
-- and school year, as one binary value per row (src/eval/child_set.h): a
-- sorted list of (account id, mask of active days, mask of days with a
-- tutoring message). A national distinct count then reads one row per
-- structure and month instead of one per child, and counts in memory.
-- The month rows keep the structure's sums too (as usage_structure_day),
-- for the monthly charts and the sums of long periods.
CREATE TABLE usage_structure_month (
	month BIGINT NOT NULL,
	structure_id BIGINT,
	connections BIGINT NOT NULL,
	seconds BIGINT NOT NULL,
	pages BIGINT NOT NULL,
	activities_started BIGINT NOT NULL,
	activities_done BIGINT NOT NULL,
	activities_passed BIGINT NOT NULL,
	resources BIGINT NOT NULL,
	tutoring BIGINT NOT NULL,
	children BYTEA NOT NULL
);
CREATE INDEX usage_structure_month_month ON usage_structure_month(month, structure_id);
CREATE INDEX usage_structure_month_structure ON usage_structure_month(structure_id, month);
CREATE TABLE usage_structure_year (
	year BIGINT NOT NULL,
	structure_id BIGINT,
	children BYTEA NOT NULL
);
CREATE INDEX usage_structure_year_structure ON usage_structure_year(structure_id, year);
-- The rollup builds these rows for every month already rolled up at its
-- next run (src/eval/rollup.c), then deletes this mark.
INSERT INTO usage_rollup_state (name, refreshed_at) SELECT 'sets-pending', 0 WHERE EXISTS (SELECT 1 FROM usage_child_month);
-- Read often and whole: stored without compression.
ALTER TABLE usage_structure_month ALTER COLUMN children SET STORAGE EXTERNAL;
ALTER TABLE usage_structure_year ALTER COLUMN children SET STORAGE EXTERNAL;
