-- Fitting into school systems: ENT single sign-on (CAS), LTI 1.3 with
-- scores sent back, and xAPI.
-- Times are Unix seconds in UTC.

-- A CAS server (an ENT) registered by the opérateur for one structure. It
-- signs nobody in until the opérateur has checked its mappings (enabled).
CREATE TABLE cas_server (
	id INTEGER PRIMARY KEY,
	structure_id INTEGER NOT NULL REFERENCES structure(id),
	name TEXT NOT NULL,
	base_url TEXT NOT NULL,   -- the CAS prefix, e.g. https://ent.example.fr/cas
	public_url TEXT NOT NULL, -- Ardoise's own address, for the service URL
	enabled INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL
);

-- National profile released by the ENT -> Ardoise role ('refuse': no access).
CREATE TABLE cas_role_map (
	cas_server_id INTEGER NOT NULL REFERENCES cas_server(id) ON DELETE CASCADE,
	profile TEXT NOT NULL,
	role TEXT NOT NULL CHECK (role IN ('eleve', 'accompagnateur', 'administrateur', 'refuse')),
	PRIMARY KEY (cas_server_id, profile)
);

-- ENT class -> Ardoise group, and the level given to the children of that class.
CREATE TABLE cas_class_map (
	cas_server_id INTEGER NOT NULL REFERENCES cas_server(id) ON DELETE CASCADE,
	class_code TEXT NOT NULL,
	group_id INTEGER NOT NULL REFERENCES class_group(id),
	level TEXT NOT NULL CHECK (level IN ('CE2', 'CM1', 'CM2', '6e')),
	PRIMARY KEY (cas_server_id, class_code)
);

-- The CAS user id linked to an Ardoise account: the only ENT data kept
-- besides what the account itself holds (first name, initial, level, group).
CREATE TABLE cas_identity (
	cas_server_id INTEGER NOT NULL REFERENCES cas_server(id),
	cas_user TEXT NOT NULL,
	account_id INTEGER NOT NULL UNIQUE REFERENCES account(id) ON DELETE CASCADE,
	linked_at INTEGER NOT NULL,
	PRIMARY KEY (cas_server_id, cas_user)
);

-- LTI 1.3: Ardoise's own signing keys. The current key has no retired_at;
-- a retired key stays in the published key set for a grace period.
CREATE TABLE lti_key (
	kid TEXT PRIMARY KEY,
	private_pem TEXT NOT NULL,
	public_jwk TEXT NOT NULL, -- JSON
	created_at INTEGER NOT NULL,
	retired_at INTEGER
);

-- A platform (an LMS such as Moodle) registered by the opérateur.
CREATE TABLE lti_platform (
	id INTEGER PRIMARY KEY,
	structure_id INTEGER NOT NULL REFERENCES structure(id),
	name TEXT NOT NULL,
	issuer TEXT NOT NULL,
	client_id TEXT NOT NULL,
	deployment_id TEXT NOT NULL,
	auth_url TEXT NOT NULL,   -- OIDC authorisation endpoint
	jwks_url TEXT NOT NULL,   -- the platform's key set
	token_url TEXT NOT NULL,  -- OAuth 2 token endpoint, for scores
	public_url TEXT NOT NULL, -- Ardoise's own address
	group_id INTEGER NOT NULL REFERENCES class_group(id), -- where its learners go
	level TEXT NOT NULL CHECK (level IN ('CE2', 'CM1', 'CM2', '6e')),
	jwks_cache TEXT,          -- last key set fetched, JSON
	jwks_fetched_at INTEGER,
	created_at INTEGER NOT NULL,
	UNIQUE (issuer, client_id)
);

-- One OIDC login in progress: its state and nonce, each used once.
CREATE TABLE lti_state (
	state TEXT PRIMARY KEY,
	nonce TEXT NOT NULL,
	platform_id INTEGER NOT NULL REFERENCES lti_platform(id) ON DELETE CASCADE,
	expires_at INTEGER NOT NULL
);

-- The platform's user id (sub) linked to an Ardoise account.
CREATE TABLE lti_identity (
	platform_id INTEGER NOT NULL REFERENCES lti_platform(id),
	sub TEXT NOT NULL,
	account_id INTEGER NOT NULL UNIQUE REFERENCES account(id) ON DELETE CASCADE,
	linked_at INTEGER NOT NULL,
	PRIMARY KEY (platform_id, sub)
);

-- A deep-linking request waiting for the teacher to pick an activity.
CREATE TABLE lti_deep_link (
	token TEXT PRIMARY KEY,
	platform_id INTEGER NOT NULL REFERENCES lti_platform(id) ON DELETE CASCADE,
	account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
	return_url TEXT NOT NULL,
	data TEXT NOT NULL,
	expires_at INTEGER NOT NULL
);

-- xAPI: one row of settings. `secret` keys the HMAC that turns an account
-- id into the opaque actor name; the learning-record store is optional.
CREATE TABLE xapi_setting (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	secret TEXT NOT NULL,
	home_page TEXT NOT NULL DEFAULT '', -- Ardoise's address, the actors' homePage
	lrs_url TEXT NOT NULL DEFAULT '',   -- the store's endpoint, without /statements
	lrs_auth TEXT NOT NULL DEFAULT '',  -- "Basic ..." header value
	enabled INTEGER NOT NULL DEFAULT 0,
	last_attempt_id INTEGER NOT NULL DEFAULT 0 -- attempts up to this one are queued
);

-- Statements waiting for the learning-record store, kept after sending.
CREATE TABLE xapi_outbox (
	id INTEGER PRIMARY KEY,
	statement_id TEXT NOT NULL UNIQUE,
	body TEXT NOT NULL, -- JSON
	created_at INTEGER NOT NULL,
	tries INTEGER NOT NULL DEFAULT 0,
	next_try_at INTEGER NOT NULL,
	sent_at INTEGER
);
CREATE INDEX xapi_outbox_due ON xapi_outbox(sent_at, next_try_at);

-- LTI Assignment and Grade Services: the line item a learner's launch of an
-- activity named, so that the scores of the attempts go back to it.
CREATE TABLE lti_grade_link (
	account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
	activity_id TEXT NOT NULL,
	platform_id INTEGER NOT NULL REFERENCES lti_platform(id) ON DELETE CASCADE,
	lineitem TEXT NOT NULL,
	linked_at INTEGER NOT NULL,
	PRIMARY KEY (account_id, activity_id)
);

-- Scores waiting to be posted to the platforms, kept after sending.
CREATE TABLE lti_score_outbox (
	id INTEGER PRIMARY KEY,
	attempt_id INTEGER NOT NULL UNIQUE REFERENCES attempt(id) ON DELETE CASCADE,
	platform_id INTEGER NOT NULL REFERENCES lti_platform(id) ON DELETE CASCADE,
	lineitem TEXT NOT NULL,
	sub TEXT NOT NULL,
	score REAL NOT NULL,
	max_score INTEGER NOT NULL,
	submitted_at INTEGER NOT NULL,
	tries INTEGER NOT NULL DEFAULT 0,
	next_try_at INTEGER NOT NULL,
	sent_at INTEGER
);
CREATE INDEX lti_score_outbox_due ON lti_score_outbox(sent_at, next_try_at);
