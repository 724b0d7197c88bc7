-- Work an accompagnateur gives to a group or to one child: an activity,
-- a J'explore path or a competency to practise, with an optional due
-- date. Exactly one of group_id and child_id is set, and exactly one of
-- activity_id and competency. Done means an attempt submitted after
-- created_at on the activity (for a path, its problem), or an answer on
-- the competency.
CREATE TABLE assignment (
	id INTEGER PRIMARY KEY,
	group_id INTEGER REFERENCES class_group(id) ON DELETE CASCADE,
	child_id INTEGER REFERENCES account(id) ON DELETE CASCADE,
	activity_id TEXT,
	competency TEXT,
	path_id TEXT, -- a J'explore path; activity_id is then its problem
	due_at INTEGER NOT NULL DEFAULT 0,
	created_by INTEGER NOT NULL REFERENCES account(id),
	created_at INTEGER NOT NULL,
	CHECK ((group_id IS NULL) <> (child_id IS NULL)),
	CHECK ((activity_id IS NULL) <> (competency IS NULL))
);
CREATE INDEX assignment_group ON assignment(group_id, created_at);
CREATE INDEX assignment_child ON assignment(child_id, created_at);
