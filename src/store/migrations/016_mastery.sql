-- What each child knows of each competency: the knowledge-tracing estimate
-- (src/learn/mastery.c), the level shown to people (0 à découvrir, 1 en
-- cours, 2 acquis, 3 maîtrisé) and the date of the next spaced review.
CREATE TABLE mastery (
	child_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
	competency TEXT NOT NULL,
	known REAL NOT NULL CHECK (known >= 0 AND known <= 1),
	answers INTEGER NOT NULL DEFAULT 0,
	right_answers INTEGER NOT NULL DEFAULT 0,
	level INTEGER NOT NULL CHECK (level BETWEEN 0 AND 3),
	review_step INTEGER NOT NULL DEFAULT 0,
	last_answer INTEGER NOT NULL,
	next_review INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (child_id, competency)
);
CREATE INDEX mastery_review ON mastery(child_id, next_review);
