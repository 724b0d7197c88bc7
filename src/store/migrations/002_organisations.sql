-- The organisation tree, role grants with their scope, and the audit log.

-- Opérateur (national) -> académie -> département -> financeur (commune,
-- conseil départemental). Structures hang under a financeur.
CREATE TABLE organisation (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('operateur', 'academie', 'departement', 'financeur')),
	parent_id INTEGER REFERENCES organisation(id),
	name TEXT NOT NULL,
	code TEXT NOT NULL DEFAULT '', -- département number, INSEE code of a commune
	created_at INTEGER NOT NULL
);
CREATE INDEX organisation_parent ON organisation(parent_id);

ALTER TABLE structure ADD COLUMN kind TEXT NOT NULL DEFAULT 'association'
	CHECK (kind IN ('association', 'dispositif', 'maison-de-quartier', 'clae', 'ecole', 'college'));
ALTER TABLE structure ADD COLUMN financeur_id INTEGER REFERENCES organisation(id);
ALTER TABLE structure ADD COLUMN uai TEXT NOT NULL DEFAULT '';
ALTER TABLE structure ADD COLUMN commune_insee TEXT NOT NULL DEFAULT '';

-- A role held by an account on one structure, or for financeurs and
-- opérateurs on one organisation. One account may hold several grants.
CREATE TABLE role_grant (
	id INTEGER PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES account(id),
	role TEXT NOT NULL CHECK (role IN ('eleve', 'accompagnateur',
		'administrateur', 'tuteur', 'financeur', 'operateur')),
	structure_id INTEGER REFERENCES structure(id),
	organisation_id INTEGER REFERENCES organisation(id),
	CHECK ((structure_id IS NULL) <> (organisation_id IS NULL))
);
CREATE UNIQUE INDEX role_grant_structure ON role_grant(account_id, role, structure_id) WHERE structure_id IS NOT NULL;
CREATE UNIQUE INDEX role_grant_organisation ON role_grant(account_id, role, organisation_id) WHERE organisation_id IS NOT NULL;
CREATE INDEX role_grant_account ON role_grant(account_id);

INSERT INTO role_grant (account_id, role, structure_id)
	SELECT id, role, structure_id FROM account WHERE structure_id IS NOT NULL;

ALTER TABLE account ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
ALTER TABLE account ADD COLUMN deactivated_at INTEGER;
-- Children only: the pictures and the QR token printed on their login card.
-- They are kept readable because adults reprint cards and remind children of
-- their pictures; with 729 possible sequences, the sign-in lock, not the
-- hash, is what protects them.
ALTER TABLE account ADD COLUMN picture_secret TEXT;
ALTER TABLE account ADD COLUMN card_token TEXT;
CREATE UNIQUE INDEX account_card_token ON account(card_token) WHERE card_token IS NOT NULL;

-- Who created, changed, exported or erased which account, and when.
CREATE TABLE audit_log (
	id INTEGER PRIMARY KEY,
	at INTEGER NOT NULL,
	actor_id INTEGER REFERENCES account(id),
	action TEXT NOT NULL,
	target_kind TEXT NOT NULL,
	target_id INTEGER,
	structure_id INTEGER,
	details TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_structure ON audit_log(structure_id, at);
