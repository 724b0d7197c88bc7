-- Tutoring: a child's questions to a tuteur and the conversation that
-- follows. The context columns hold what the child was doing when asking;
-- a tuteur sees the child's work only through them.
CREATE TABLE tutoring_question (
	id INTEGER PRIMARY KEY,
	child_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
	structure_id INTEGER REFERENCES structure(id),
	status TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'claimed', 'closed')),
	priority INTEGER NOT NULL DEFAULT 0, -- higher first in the queue
	origin TEXT NOT NULL CHECK (origin IN ('activite', 'resultat', 'aide')),
	activity_id TEXT,
	activity_version INTEGER,
	question_number INTEGER, -- 1-based, as the child sees it
	child_answer TEXT,       -- masked like a message
	level TEXT,
	claimed_by INTEGER REFERENCES account(id) ON DELETE SET NULL,
	claimed_at INTEGER,
	first_answer_at INTEGER,
	first_answer_by INTEGER REFERENCES account(id) ON DELETE SET NULL,
	created_at INTEGER NOT NULL,
	last_message_at INTEGER NOT NULL,
	closed_at INTEGER,
	child_read_at INTEGER NOT NULL DEFAULT 0 -- last time the child opened it
);
CREATE INDEX tutoring_question_queue ON tutoring_question(status, priority, created_at);
CREATE INDEX tutoring_question_child ON tutoring_question(child_id, last_message_at);
CREATE INDEX tutoring_question_created ON tutoring_question(created_at);

-- Messages are stored masked: e-mail addresses, phone numbers and street
-- addresses are replaced before the insert. `original` keeps the typed
-- text of a flagged message for the opérateur's review only.
CREATE TABLE tutoring_message (
	id INTEGER PRIMARY KEY,
	question_id INTEGER NOT NULL REFERENCES tutoring_question(id) ON DELETE CASCADE,
	author_id INTEGER REFERENCES account(id) ON DELETE SET NULL,
	author_role TEXT NOT NULL CHECK (author_role IN ('eleve', 'tuteur')),
	kind TEXT NOT NULL DEFAULT 'texte' CHECK (kind IN ('texte', 'activite', 'exemple')),
	body TEXT NOT NULL,
	activity_id TEXT, -- kind 'activite': the resource of the base
	flagged INTEGER NOT NULL DEFAULT 0,
	original TEXT,
	created_at INTEGER NOT NULL
);
CREATE INDEX tutoring_message_question ON tutoring_message(question_id, id);
-- The live relay polls the messages of the last seconds (other processes').
CREATE INDEX tutoring_message_created ON tutoring_message(created_at);

CREATE TABLE tutoring_report (
	id INTEGER PRIMARY KEY,
	message_id INTEGER NOT NULL REFERENCES tutoring_message(id) ON DELETE CASCADE,
	reporter_id INTEGER REFERENCES account(id) ON DELETE SET NULL,
	reason TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	reviewed_by INTEGER REFERENCES account(id) ON DELETE SET NULL,
	reviewed_at INTEGER,
	decision TEXT
);
CREATE INDEX tutoring_report_open ON tutoring_report(reviewed_at, created_at);

-- A tuteur's ready-made answers.
CREATE TABLE tutoring_snippet (
	id INTEGER PRIMARY KEY,
	tuteur_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
	title TEXT NOT NULL,
	body TEXT NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE INDEX tutoring_snippet_tuteur ON tutoring_snippet(tuteur_id);

-- Opening hours of the deployment, Europe/Paris time: one interval per
-- weekday (0 = Sunday), in minutes since midnight. No row: closed that day.
CREATE TABLE tutoring_hours (
	weekday INTEGER PRIMARY KEY CHECK (weekday BETWEEN 0 AND 6),
	opens_minute INTEGER NOT NULL CHECK (opens_minute BETWEEN 0 AND 1440),
	closes_minute INTEGER NOT NULL CHECK (closes_minute BETWEEN 0 AND 1440)
);
INSERT INTO tutoring_hours (weekday, opens_minute, closes_minute) VALUES
	(1, 990, 1140), (2, 990, 1140), (3, 810, 1140), (4, 990, 1140), (5, 990, 1140), (6, 600, 720);

-- Last sign of life of a tuteur's console.
CREATE TABLE tutoring_presence (
	tuteur_id INTEGER PRIMARY KEY REFERENCES account(id) ON DELETE CASCADE,
	seen_at INTEGER NOT NULL
);
