-- Reading settings of a child, chosen on /eleve/lecture. They are stored
-- per account so that they follow the child to any computer. A missing row
-- means every setting is off.
CREATE TABLE reading_setting (
	account_id INTEGER PRIMARY KEY REFERENCES account(id) ON DELETE CASCADE,
	dyslexic_font INTEGER NOT NULL DEFAULT 0 CHECK (dyslexic_font IN (0, 1)),
	wide_spacing INTEGER NOT NULL DEFAULT 0 CHECK (wide_spacing IN (0, 1)),
	syllables INTEGER NOT NULL DEFAULT 0 CHECK (syllables IN (0, 1)),
	slow_voice INTEGER NOT NULL DEFAULT 0 CHECK (slow_voice IN (0, 1)),
	updated_at INTEGER NOT NULL
);
