-- The same as migrations/sqlite/0013_sealed.sql (read its comments), in PostgreSQL's words.
ALTER TABLE appointments ADD COLUMN document_hash TEXT;
ALTER TABLE appointments ADD COLUMN data_key BIGINT;
DROP INDEX appointments_by_document;
CREATE INDEX appointments_by_document ON appointments (document_hash);
