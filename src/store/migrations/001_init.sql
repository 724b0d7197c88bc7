-- Organisations, accounts, sessions, content and attempts.
-- Times are Unix seconds in UTC.

CREATE TABLE structure (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	code TEXT NOT NULL UNIQUE, -- sign-in code typed by children
	created_at INTEGER NOT NULL
);

CREATE TABLE account (
	id INTEGER PRIMARY KEY,
	structure_id INTEGER REFERENCES structure(id),
	role TEXT NOT NULL CHECK (role IN ('eleve', 'accompagnateur',
		'administrateur', 'tuteur', 'financeur', 'operateur')),
	login TEXT NOT NULL UNIQUE,
	first_name TEXT NOT NULL,
	last_initial TEXT NOT NULL DEFAULT '',
	level TEXT CHECK (level IS NULL OR level IN ('CE2', 'CM1', 'CM2', '6e')),
	avatar TEXT NOT NULL DEFAULT 'renard',
	secret_hash TEXT NOT NULL, -- argon2id of the password or picture sequence
	active INTEGER NOT NULL DEFAULT 1,
	created_at INTEGER NOT NULL
);
CREATE INDEX account_structure ON account(structure_id, role);

CREATE TABLE class_group (
	id INTEGER PRIMARY KEY,
	structure_id INTEGER NOT NULL REFERENCES structure(id),
	name TEXT NOT NULL,
	UNIQUE (structure_id, name)
);

CREATE TABLE group_member (
	group_id INTEGER NOT NULL REFERENCES class_group(id),
	account_id INTEGER NOT NULL REFERENCES account(id),
	PRIMARY KEY (group_id, account_id)
);
CREATE INDEX group_member_account ON group_member(account_id);

CREATE TABLE session (
	token_hash TEXT PRIMARY KEY, -- hex SHA-256 of the cookie token
	account_id INTEGER NOT NULL REFERENCES account(id),
	csrf_token TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL
);
CREATE INDEX session_account ON session(account_id);

-- One row per failed sign-in, by key ('account:ID' or 'address:IP').
CREATE TABLE login_failure (
	key TEXT NOT NULL,
	at INTEGER NOT NULL
);
CREATE INDEX login_failure_key ON login_failure(key, at);

-- Every version of every activity ever loaded, so an attempt can always be
-- shown against the text it answered.
CREATE TABLE activity (
	id TEXT NOT NULL,
	version INTEGER NOT NULL,
	subject TEXT NOT NULL,
	levels INTEGER NOT NULL,
	title TEXT NOT NULL,
	path TEXT NOT NULL,
	source TEXT NOT NULL,
	is_current INTEGER NOT NULL DEFAULT 1,
	loaded_at INTEGER NOT NULL,
	PRIMARY KEY (id, version)
);

CREATE TABLE attempt (
	id INTEGER PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES account(id),
	activity_id TEXT NOT NULL,
	activity_version INTEGER NOT NULL,
	idempotency_key TEXT NOT NULL,
	answers TEXT NOT NULL, -- JSON, exactly as typed
	results TEXT NOT NULL, -- JSON, per question verdicts
	score REAL NOT NULL,
	max_score INTEGER NOT NULL,
	started_at INTEGER NOT NULL,
	submitted_at INTEGER NOT NULL,
	FOREIGN KEY (activity_id, activity_version) REFERENCES activity(id, version),
	UNIQUE (account_id, idempotency_key)
);
CREATE INDEX attempt_account ON attempt(account_id, submitted_at);
