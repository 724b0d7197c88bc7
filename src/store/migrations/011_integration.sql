-- Fitting into school systems: ENT single sign-on (CAS).
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
