-- The offer: price lists per school year, licences that give a structure
-- child seats, quotes, invoices and credit notes, and in-person training
-- sessions for adults. Amounts are integer euro cents; VAT rates are basis
-- points (2000 is 20 %, 0 is allowed). school_year is written '2026-2027'.

CREATE TABLE price_list (
	school_year TEXT PRIMARY KEY,
	child_cents INTEGER NOT NULL CHECK (child_cents >= 0),
	tutoring_cents INTEGER NOT NULL CHECK (tutoring_cents >= 0),
	vat_bp INTEGER NOT NULL CHECK (vat_bp BETWEEN 0 AND 10000),
	updated_at INTEGER NOT NULL
);

-- The opérateur's details printed on every quote and invoice (one row).
CREATE TABLE offer_issuer (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	name TEXT NOT NULL,
	address TEXT NOT NULL,
	siret TEXT NOT NULL,
	vat_number TEXT NOT NULL DEFAULT '',
	iban TEXT NOT NULL DEFAULT '',
	payment_days INTEGER NOT NULL DEFAULT 30 CHECK (payment_days BETWEEN 0 AND 60)
);

-- A request for seats, typed by an administrateur or the opérateur; the
-- opérateur answers it with a quote, then an invoice, which creates the
-- licence.
CREATE TABLE licence_request (
	id INTEGER PRIMARY KEY,
	structure_id INTEGER NOT NULL REFERENCES structure(id),
	financeur_id INTEGER NOT NULL REFERENCES organisation(id),
	school_year TEXT NOT NULL REFERENCES price_list(school_year),
	seats INTEGER NOT NULL CHECK (seats > 0),
	tutoring_seats INTEGER NOT NULL CHECK (tutoring_seats >= 0 AND tutoring_seats <= seats),
	billing_address TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'demandee' CHECK (status IN ('demandee', 'devis', 'facturee', 'annulee')),
	requested_by INTEGER NOT NULL REFERENCES account(id),
	requested_at INTEGER NOT NULL
);
CREATE INDEX licence_request_status ON licence_request(status, requested_at);

-- N child seats and T tutoring seats for one structure and school year.
-- Several licences of the same structure and year add up. A credit note
-- that cancels the invoice of a licence sets active to 0.
CREATE TABLE licence (
	id INTEGER PRIMARY KEY,
	structure_id INTEGER NOT NULL REFERENCES structure(id),
	financeur_id INTEGER REFERENCES organisation(id),
	school_year TEXT NOT NULL REFERENCES price_list(school_year),
	seats INTEGER NOT NULL CHECK (seats > 0),
	tutoring_seats INTEGER NOT NULL CHECK (tutoring_seats >= 0 AND tutoring_seats <= seats),
	request_id INTEGER REFERENCES licence_request(id),
	active INTEGER NOT NULL DEFAULT 1,
	created_at INTEGER NOT NULL
);
CREATE INDEX licence_structure ON licence(structure_id, school_year);

-- The last number given per document kind and calendar year. Numbers are
-- taken by an UPDATE in the transaction that inserts the document, so the
-- row lock makes concurrent issues wait for each other: no gap, no double.
CREATE TABLE document_counter (
	kind TEXT NOT NULL,
	year INTEGER NOT NULL,
	last INTEGER NOT NULL,
	PRIMARY KEY (kind, year)
);

-- Quotes (devis, D2026-0001), invoices (facture, F2026-0001) and credit
-- notes (avoir, A2026-0001, which name the invoice they correct). The
-- issuer, the customer and the amounts are copied in at issue; the
-- triggers below make every document read-only once written.
CREATE TABLE offer_document (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('devis', 'facture', 'avoir')),
	number TEXT NOT NULL UNIQUE,
	request_id INTEGER NOT NULL REFERENCES licence_request(id),
	licence_id INTEGER REFERENCES licence(id),
	corrects_id INTEGER REFERENCES offer_document(id),
	school_year TEXT NOT NULL,
	issuer TEXT NOT NULL,    -- name, address, SIRET, VAT number, one per line
	customer TEXT NOT NULL,  -- financeur name and billing address
	structure_name TEXT NOT NULL,
	vat_bp INTEGER NOT NULL,
	total_ht INTEGER NOT NULL,
	total_vat INTEGER NOT NULL,
	total_ttc INTEGER NOT NULL,
	issued_at INTEGER NOT NULL,
	due_at INTEGER NOT NULL,
	issued_by INTEGER NOT NULL REFERENCES account(id)
);
CREATE INDEX offer_document_request ON offer_document(request_id);
-- An invoice is corrected by one credit note at most.
CREATE UNIQUE INDEX offer_document_corrects ON offer_document(corrects_id) WHERE corrects_id IS NOT NULL;

CREATE TABLE offer_document_line (
	document_id INTEGER NOT NULL REFERENCES offer_document(id),
	position INTEGER NOT NULL,
	label TEXT NOT NULL,
	quantity INTEGER NOT NULL,
	unit_cents INTEGER NOT NULL,
	ht_cents INTEGER NOT NULL,
	vat_cents INTEGER NOT NULL,
	PRIMARY KEY (document_id, position)
);

CREATE TRIGGER offer_document_no_update BEFORE UPDATE ON offer_document
BEGIN SELECT RAISE(ABORT, 'issued documents are read-only'); END;
CREATE TRIGGER offer_document_no_delete BEFORE DELETE ON offer_document
BEGIN SELECT RAISE(ABORT, 'issued documents are read-only'); END;
CREATE TRIGGER offer_document_line_no_update BEFORE UPDATE ON offer_document_line
BEGIN SELECT RAISE(ABORT, 'issued documents are read-only'); END;
CREATE TRIGGER offer_document_line_no_delete BEFORE DELETE ON offer_document_line
BEGIN SELECT RAISE(ABORT, 'issued documents are read-only'); END;

-- In-person training for accompagnateurs or tuteurs, given by the opérateur.
CREATE TABLE training_session (
	id INTEGER PRIMARY KEY,
	starts_at INTEGER NOT NULL,
	place TEXT NOT NULL,
	audience TEXT NOT NULL CHECK (audience IN ('accompagnateurs', 'tuteurs')),
	capacity INTEGER NOT NULL CHECK (capacity > 0),
	trainer_id INTEGER NOT NULL REFERENCES account(id),
	created_at INTEGER NOT NULL
);
CREATE INDEX training_session_starts ON training_session(starts_at);

CREATE TABLE training_registration (
	session_id INTEGER NOT NULL REFERENCES training_session(id),
	account_id INTEGER NOT NULL REFERENCES account(id),
	registered_at INTEGER NOT NULL,
	attended INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (session_id, account_id)
);
CREATE INDEX training_registration_account ON training_registration(account_id);
