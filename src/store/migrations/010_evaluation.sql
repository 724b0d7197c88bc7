-- Evaluation: the usage event log, its daily and monthly rollups, the
-- partners' diagnostic data and indicators, and satisfaction surveys.
-- Times are Unix seconds in UTC. A "day" is a Paris calendar day counted
-- from 1970-01-01 (Europe/Paris), a "month" is year * 12 + month - 1.

-- Append-only: one row per sign-in, sign-out, page, activity start or
-- submit, resource, video, dictionary search, tutoring message, survey
-- answer. connection_id is derived from the session token, so the events
-- of one session can be put back together without storing the token.
CREATE TABLE usage_event (
	id INTEGER PRIMARY KEY,
	at INTEGER NOT NULL,
	account_id INTEGER NOT NULL,
	structure_id INTEGER,
	connection_id INTEGER NOT NULL,
	feature TEXT NOT NULL,
	action TEXT NOT NULL,
	object TEXT NOT NULL DEFAULT '',
	value INTEGER
);
CREATE INDEX usage_event_at ON usage_event(at);
CREATE INDEX usage_event_account ON usage_event(account_id, at);

-- One row per child and Paris day with any event, and the same per month.
CREATE TABLE usage_child_day (
	day INTEGER NOT NULL,
	structure_id INTEGER,
	account_id INTEGER NOT NULL,
	connections INTEGER NOT NULL,
	seconds INTEGER NOT NULL,
	pages INTEGER NOT NULL,
	activities_started INTEGER NOT NULL,
	activities_done INTEGER NOT NULL,
	activities_passed INTEGER NOT NULL,
	resources INTEGER NOT NULL,
	tutoring INTEGER NOT NULL
);
-- Covering indexes: the distinct counts of active children read only them.
CREATE INDEX usage_child_day_day ON usage_child_day(day, structure_id, account_id, tutoring);
CREATE INDEX usage_child_day_structure ON usage_child_day(structure_id, day, account_id, tutoring);
CREATE INDEX usage_child_day_account ON usage_child_day(account_id, day);

CREATE TABLE usage_child_month (
	month INTEGER NOT NULL,
	structure_id INTEGER,
	account_id INTEGER NOT NULL,
	connections INTEGER NOT NULL,
	seconds INTEGER NOT NULL,
	pages INTEGER NOT NULL,
	activities_started INTEGER NOT NULL,
	activities_done INTEGER NOT NULL,
	activities_passed INTEGER NOT NULL,
	resources INTEGER NOT NULL,
	tutoring INTEGER NOT NULL
);
CREATE INDEX usage_child_month_month ON usage_child_month(month, structure_id, account_id, tutoring);
CREATE INDEX usage_child_month_structure ON usage_child_month(structure_id, month, account_id, tutoring);
CREATE INDEX usage_child_month_account ON usage_child_month(account_id, month);

-- One row per child, structure and school year (1 September to 31 August,
-- keyed by the year it starts), so a year's distinct active children are
-- counted from one row per child.
CREATE TABLE usage_child_year (
	year INTEGER NOT NULL,
	structure_id INTEGER,
	account_id INTEGER NOT NULL,
	tutoring INTEGER NOT NULL
);
CREATE INDEX usage_child_year_year ON usage_child_year(year, structure_id, account_id, tutoring);

-- The same summed per structure and day: active children (distinct within
-- the day and structure), for the charts and the sums of long periods.
CREATE TABLE usage_structure_day (
	day INTEGER NOT NULL,
	structure_id INTEGER,
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
CREATE INDEX usage_structure_day_day ON usage_structure_day(day, structure_id);

-- When the rollups were last rebuilt, and up to which day.
CREATE TABLE usage_rollup_state (
	name TEXT PRIMARY KEY,
	refreshed_at INTEGER NOT NULL
);

-- Connections counted by whole minutes of duration, for the median.
CREATE TABLE usage_duration_day (
	day INTEGER NOT NULL,
	structure_id INTEGER,
	minutes INTEGER NOT NULL,
	connections INTEGER NOT NULL
);
CREATE INDEX usage_duration_day_key ON usage_duration_day(day, structure_id);
CREATE TABLE usage_duration_month (
	month INTEGER NOT NULL,
	structure_id INTEGER,
	minutes INTEGER NOT NULL,
	connections INTEGER NOT NULL
);
CREATE INDEX usage_duration_month_key ON usage_duration_month(month, structure_id);

-- Events per feature.
CREATE TABLE usage_feature_day (
	day INTEGER NOT NULL,
	structure_id INTEGER,
	feature TEXT NOT NULL,
	events INTEGER NOT NULL
);
CREATE INDEX usage_feature_day_key ON usage_feature_day(day, structure_id);
CREATE TABLE usage_feature_month (
	month INTEGER NOT NULL,
	structure_id INTEGER,
	feature TEXT NOT NULL,
	events INTEGER NOT NULL
);
CREATE INDEX usage_feature_month_key ON usage_feature_month(month, structure_id);

-- Registered children are counted from the accounts with this index only.
CREATE INDEX account_children ON account(role, structure_id, created_at, active, deactivated_at);

-- Diagnostic data a partner records for an organisation or a structure,
-- to compare before and after.
CREATE TABLE diagnostic (
	id INTEGER PRIMARY KEY,
	scope TEXT NOT NULL CHECK (scope IN ('organisation', 'structure')),
	scope_id INTEGER NOT NULL,
	measured_on TEXT NOT NULL, -- 'YYYY-MM-DD'
	children_concerned INTEGER,
	local_score REAL,          -- local evaluation result, percent
	national_score REAL,       -- national evaluation result, percent
	children_followed INTEGER, -- already followed by a support scheme
	computers_schools INTEGER,
	computers_associations INTEGER,
	note TEXT NOT NULL DEFAULT '',
	author_id INTEGER NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE INDEX diagnostic_scope ON diagnostic(scope, scope_id, measured_on);

-- An indicator a partner defines for its organisation or structure: a
-- count of events or of children over the usage events, with optional
-- filters, or a value the partner enters. It is shown beside the standard
-- indicators for the period of the page, or for its own period when set.
CREATE TABLE partner_indicator (
	id INTEGER PRIMARY KEY,
	scope TEXT NOT NULL CHECK (scope IN ('organisation', 'structure')),
	scope_id INTEGER NOT NULL,
	name TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('events', 'children', 'value')),
	feature TEXT NOT NULL DEFAULT '', -- '' = any
	action TEXT NOT NULL DEFAULT '',
	level TEXT NOT NULL DEFAULT '',
	group_id INTEGER NOT NULL DEFAULT 0, -- 0 = any
	subject TEXT NOT NULL DEFAULT '',
	from_day INTEGER,                   -- own period, Paris days; NULL = the page's
	to_day INTEGER,
	value REAL,                     -- kind 'value' only
	author_id INTEGER NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE INDEX partner_indicator_scope ON partner_indicator(scope, scope_id);

-- Satisfaction surveys for children, families (no account: they type the
-- code or follow the link) and structures (their adults), national or for
-- one structure.
CREATE TABLE survey (
	id INTEGER PRIMARY KEY,
	audience TEXT NOT NULL CHECK (audience IN ('enfants', 'familles', 'structures')),
	structure_id INTEGER REFERENCES structure(id), -- NULL = national
	title TEXT NOT NULL,
	code TEXT NOT NULL UNIQUE,
	active INTEGER NOT NULL DEFAULT 1,
	author_id INTEGER NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE TABLE survey_question (
	survey_id INTEGER NOT NULL REFERENCES survey(id),
	position INTEGER NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('smileys', 'scale', 'choice', 'text')),
	prompt TEXT NOT NULL,
	choices TEXT NOT NULL DEFAULT '', -- kind choice: one option per line
	PRIMARY KEY (survey_id, position)
);
-- One row per answered or skipped ("Pas maintenant") survey.
CREATE TABLE survey_response (
	id INTEGER PRIMARY KEY,
	survey_id INTEGER NOT NULL REFERENCES survey(id),
	account_id INTEGER, -- NULL for families
	skipped INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL
);
CREATE INDEX survey_response_survey ON survey_response(survey_id, account_id, created_at);
CREATE TABLE survey_answer (
	response_id INTEGER NOT NULL REFERENCES survey_response(id),
	position INTEGER NOT NULL,
	value TEXT NOT NULL, -- 1-3 smileys, 1-5 scale, option number, or the text
	PRIMARY KEY (response_id, position)
);
