-- Personal fields sealed at rest (store/sealing.rs): `name`, `document_number`, `email` and
-- `phone` hold values encrypted under the data key `data_key`; documents are found by
-- `document_hash` (an HMAC of kind and number), and `active_document` holds that hash while the
-- appointment is upcoming. Rows written before are sealed by the server at its next start
-- (`Store::seal_all`), as are rows under a key that is no longer the current one.
ALTER TABLE appointments ADD COLUMN document_hash TEXT;
ALTER TABLE appointments ADD COLUMN data_key INTEGER;
DROP INDEX appointments_by_document;
CREATE INDEX appointments_by_document ON appointments (document_hash);
