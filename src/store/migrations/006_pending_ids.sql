-- Pending imports get ids that are never used twice: the progress of an
-- import is found by its pending id, and SQLite would otherwise hand the
-- id of a deleted, already imported row to the next upload, which then
-- showed the earlier import's result instead of running.
CREATE TABLE pending_import_unique (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	structure_id INTEGER NOT NULL REFERENCES structure(id),
	actor_id INTEGER NOT NULL REFERENCES account(id),
	data TEXT NOT NULL, -- the uploaded file, base64
	created_at INTEGER NOT NULL
);
INSERT INTO pending_import_unique (id, structure_id, actor_id, data, created_at)
	SELECT id, structure_id, actor_id, data, created_at FROM pending_import;
DROP TABLE pending_import;
ALTER TABLE pending_import_unique RENAME TO pending_import;
CREATE INDEX pending_import_created ON pending_import(created_at);
