-- The organisations each structure counts in: its financeur and every
-- organisation above it (the scopes of the dashboards, src/eval/indicator.c).
CREATE TABLE usage_scope_member (
	structure_id INTEGER NOT NULL,
	org_id INTEGER NOT NULL,
	PRIMARY KEY (structure_id, org_id)
);
-- The structures' daily rows summed per organisation, and for the whole
-- country under org_id 0 (every structure, and children without one). A
-- national or organisation dashboard reads one row per day here instead of
-- one per structure and day.
CREATE TABLE usage_scope_day (
	day INTEGER NOT NULL,
	org_id INTEGER NOT NULL,
	active INTEGER NOT NULL,
	connections INTEGER NOT NULL,
	seconds INTEGER NOT NULL,
	pages INTEGER NOT NULL,
	activities_started INTEGER NOT NULL,
	activities_done INTEGER NOT NULL,
	activities_passed INTEGER NOT NULL,
	resources INTEGER NOT NULL,
	tutoring INTEGER NOT NULL
);
CREATE INDEX usage_scope_day_key ON usage_scope_day(org_id, day);
CREATE TABLE usage_scope_feature_day (
	day INTEGER NOT NULL,
	org_id INTEGER NOT NULL,
	feature TEXT NOT NULL,
	events INTEGER NOT NULL
);
CREATE INDEX usage_scope_feature_day_key ON usage_scope_feature_day(org_id, day);
CREATE TABLE usage_scope_duration_day (
	day INTEGER NOT NULL,
	org_id INTEGER NOT NULL,
	minutes INTEGER NOT NULL,
	connections INTEGER NOT NULL
);
CREATE INDEX usage_scope_duration_day_key ON usage_scope_duration_day(org_id, day);
-- The distinct active children (and tutoring users) of each organisation
-- and the whole country per month and school year, counted from the
-- structures' sets (migration 020), with the month's connections and
-- seconds: the monthly chart and the periods of whole months or years
-- read one row.
CREATE TABLE usage_scope_month (
	month INTEGER NOT NULL,
	org_id INTEGER NOT NULL,
	active INTEGER NOT NULL,
	tutoring_children INTEGER NOT NULL,
	connections INTEGER NOT NULL,
	seconds INTEGER NOT NULL
);
CREATE INDEX usage_scope_month_key ON usage_scope_month(org_id, month);
CREATE TABLE usage_scope_year (
	year INTEGER NOT NULL,
	org_id INTEGER NOT NULL,
	active INTEGER NOT NULL,
	tutoring_children INTEGER NOT NULL
);
CREATE INDEX usage_scope_year_key ON usage_scope_year(org_id, year);
-- The next rollup builds these rows for every day, month and school year
-- already rolled up.
INSERT INTO usage_rollup_state (name, refreshed_at) SELECT 'scopes-pending', 0 WHERE EXISTS (SELECT 1 FROM usage_structure_day);
