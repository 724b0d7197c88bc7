-- PostgreSQL twin of migrations/006_pending_ids.sql: identity columns never
-- give an id twice, so there is nothing to change here.
SELECT 1;
