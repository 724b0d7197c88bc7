-- xAPI statements for resource views, made from the usage events: the
-- resource and video openings up to this event id are queued for the
-- learning-record store.
ALTER TABLE xapi_setting ADD COLUMN last_event_id BIGINT NOT NULL DEFAULT 0;
