-- Resources and publishing: the referential stored with the content, the
-- content packages uploaded by opérateurs, and what each child has played
-- of each video. Twin of migrations/012_content_resources.sql.

CREATE TABLE content_referential (
	name TEXT PRIMARY KEY,
	source TEXT NOT NULL,
	loaded_at BIGINT NOT NULL
);

CREATE TABLE video_progress (
	child_id BIGINT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
	video_id TEXT NOT NULL,
	intervals TEXT NOT NULL,
	seconds_played DOUBLE PRECISION NOT NULL,
	duration DOUBLE PRECISION NOT NULL,
	updated_at BIGINT NOT NULL,
	PRIMARY KEY (child_id, video_id)
);

CREATE TABLE content_package (
	id BIGSERIAL PRIMARY KEY,
	uploaded_by BIGINT NOT NULL REFERENCES account(id),
	file_name TEXT NOT NULL,
	status TEXT NOT NULL,
	report TEXT NOT NULL,
	item_count INTEGER NOT NULL,
	uploaded_at BIGINT NOT NULL,
	published_at BIGINT
);
