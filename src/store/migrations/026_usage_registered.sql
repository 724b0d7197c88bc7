-- The children of each structure, counted by the UTC hour of their
-- account's creation (kind 0) and of their deactivation (kind 1). A
-- national or organisation page counts its registered children from these
-- few thousand rows instead of every account. A Paris midnight is always a
-- whole UTC hour, so the hours split days exactly. The rollup rebuilds the
-- table from the accounts (src/eval/rollup.c). A deactivated account
-- without a date counts as deactivated when it was created.
CREATE TABLE usage_registered (
	structure_id INTEGER,
	hour INTEGER NOT NULL,
	kind INTEGER NOT NULL,
	children INTEGER NOT NULL
);
CREATE INDEX usage_registered_structure ON usage_registered(structure_id, hour);
INSERT INTO usage_registered (structure_id, hour, kind, children)
	SELECT structure_id, created_at / 3600, 0, count(*) FROM account WHERE role = 'eleve' GROUP BY structure_id, created_at / 3600
	UNION ALL
	SELECT structure_id, (CASE WHEN deactivated_at IS NULL OR deactivated_at < created_at THEN created_at ELSE deactivated_at END) / 3600, 1, count(*)
	FROM account WHERE role = 'eleve' AND active = 0
	GROUP BY structure_id, (CASE WHEN deactivated_at IS NULL OR deactivated_at < created_at THEN created_at ELSE deactivated_at END) / 3600;
