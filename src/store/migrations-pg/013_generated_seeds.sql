-- The seed of a generated activity's questions (see src/gen/): the result
-- page makes the same questions again from it. NULL for activities whose
-- questions are written in the content file.
ALTER TABLE attempt ADD COLUMN seed BIGINT;
