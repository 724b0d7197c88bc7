-- Partner indicators computed from events are rolled up per indicator
-- (src/eval/partner_rollup.c), so a dashboard reads a few rows instead of
-- the events of its period.
-- backfill_month: the next month whose events are still to be read (0:
-- not started, the month of the first event is found then), or -1 once
-- every month up to the current one is rolled up.
ALTER TABLE partner_indicator ADD COLUMN backfill_month INTEGER NOT NULL DEFAULT 0;
-- Events and distinct children of an indicator per Paris day.
CREATE TABLE partner_day (
	indicator_id INTEGER NOT NULL,
	day INTEGER NOT NULL,
	events INTEGER NOT NULL,
	children INTEGER NOT NULL,
	PRIMARY KEY (indicator_id, day)
);
-- Per month and per school year: the sums, the distinct children, and
-- the children as a set with the mask of their days (src/eval/child_set.h)
-- for the periods that cut a month.
CREATE TABLE partner_month (
	indicator_id INTEGER NOT NULL,
	month INTEGER NOT NULL,
	events INTEGER NOT NULL,
	children INTEGER NOT NULL,
	members BLOB NOT NULL,
	PRIMARY KEY (indicator_id, month)
);
CREATE TABLE partner_year (
	indicator_id INTEGER NOT NULL,
	year INTEGER NOT NULL,
	children INTEGER NOT NULL,
	members BLOB NOT NULL,
	PRIMARY KEY (indicator_id, year)
);
