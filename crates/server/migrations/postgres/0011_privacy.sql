-- The same as migrations/sqlite/0012_privacy.sql (read its comments), in PostgreSQL's words.
ALTER TABLE appointments ADD COLUMN erased_at BIGINT;
