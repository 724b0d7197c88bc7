-- Class lists uploaded for import and waiting for the administrateur's
-- confirmation, so that confirming does not upload the file again. The
-- file is kept as base64 text because db.h reads columns as text or
-- numbers only and a file may hold any byte. Rows older than a day are
-- deleted when a new one is stored, and a confirmed import deletes its row.
CREATE TABLE pending_import (
	id INTEGER PRIMARY KEY,
	structure_id INTEGER NOT NULL REFERENCES structure(id),
	actor_id INTEGER NOT NULL REFERENCES account(id),
	data TEXT NOT NULL, -- the uploaded file, base64
	created_at INTEGER NOT NULL
);
CREATE INDEX pending_import_created ON pending_import(created_at);
