-- PostgreSQL twin of migrations/023_lti_platform_enabled.sql.
-- The opérateur can switch an LTI platform off without deleting it: a
-- disabled platform's logins and launches are rejected and its scores
-- wait in the outbox. Platforms registered before this column stay on.
ALTER TABLE lti_platform ADD COLUMN enabled INTEGER NOT NULL DEFAULT 1;
