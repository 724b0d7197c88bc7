-- Partner indicators computed from events are rolled up per indicator
-- (src/eval/partner_rollup.c), so a dashboard reads a few rows instead of
-- the events of its period.
-- backfill_month: the next month whose events are still to be read (0:
-- not started, the month of the first event is found then), or -1 once
-- every month up to the current one is rolled up.
ALTER TABLE partner_indicator ADD COLUMN backfill_month BIGINT NOT NULL DEFAULT 0;
-- Events and distinct children of an indicator per Paris day.
CREATE TABLE partner_day (
	indicator_id BIGINT NOT NULL,
	day BIGINT NOT NULL,
	events BIGINT NOT NULL,
	children BIGINT NOT NULL,
	PRIMARY KEY (indicator_id, day)
);
-- Per month and per school year: the sums, the distinct children, and
-- the children as a set with the mask of their days (src/eval/child_set.h)
-- for the periods that cut a month.
CREATE TABLE partner_month (
	indicator_id BIGINT NOT NULL,
	month BIGINT NOT NULL,
	events BIGINT NOT NULL,
	children BIGINT NOT NULL,
	members BYTEA NOT NULL,
	PRIMARY KEY (indicator_id, month)
);
CREATE TABLE partner_year (
	indicator_id BIGINT NOT NULL,
	year BIGINT NOT NULL,
	children BIGINT NOT NULL,
	members BYTEA NOT NULL,
	PRIMARY KEY (indicator_id, year)
);
-- Read often and whole: stored without compression.
ALTER TABLE partner_month ALTER COLUMN members SET STORAGE EXTERNAL;
ALTER TABLE partner_year ALTER COLUMN members SET STORAGE EXTERNAL;
