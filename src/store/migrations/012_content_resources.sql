-- Resources and publishing: the referential stored with the content, the
-- content packages uploaded by opérateurs, and what each child has played
-- of each video.

CREATE TABLE content_referential (
	name TEXT PRIMARY KEY,          -- 'competences.tsv' or 'socle.tsv'
	source TEXT NOT NULL,
	loaded_at INTEGER NOT NULL
);

CREATE TABLE video_progress (
	child_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
	video_id TEXT NOT NULL,
	intervals TEXT NOT NULL,        -- merged played intervals, "0.0-12.5,20.0-31.2" in seconds
	seconds_played REAL NOT NULL,   -- total length of the intervals
	duration REAL NOT NULL,         -- length of the video as the player reported it
	updated_at INTEGER NOT NULL,
	PRIMARY KEY (child_id, video_id)
);

CREATE TABLE content_package (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	uploaded_by INTEGER NOT NULL REFERENCES account(id),
	file_name TEXT NOT NULL,
	status TEXT NOT NULL,           -- 'checked', 'rejected' or 'published'
	report TEXT NOT NULL,           -- the check report, one problem a line
	item_count INTEGER NOT NULL,
	uploaded_at INTEGER NOT NULL,
	published_at INTEGER
);
