-- The children who hold a tutoring seat for a school year. Only they see
-- the "Poser une question" button; the offer module fills this table from
-- the licences it sells and keeps it within their tutoring seats.
-- school_year is written like '2026-2027' (1 September to 31 August).
CREATE TABLE tutoring_seat (
	child_id BIGINT NOT NULL REFERENCES account(id) ON DELETE CASCADE,
	school_year TEXT NOT NULL,
	granted_at BIGINT NOT NULL,
	PRIMARY KEY (child_id, school_year)
);
