-- Adds the entry $1 (its code) for the office $2 and service $3, from the day $4 to $5 (YYYY-MM-DD),
-- in the part of the day $6 (NULL: any), by the document of kind $7, sealed number $8 and hash $9,
-- named $10 (sealed), at the e-mail $11 (sealed), sealed under the key $12, in the language $13,
-- with the privacy notice $15 accepted at $14 (now). The hash held in `waiting_document`, which
-- is UNIQUE, keeps one entry per document. Its message is queued by the table's trigger.
INSERT INTO waitlist (code, office_id, service_id, from_date, until_date, part_of_day, document_kind,
                      document_number, document_hash, waiting_document, name, email, data_key,
                      language, consent_at, privacy_notice, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11, $12, $13, $14, $15, $14)
RETURNING id, code, office_id, service_id, from_date, until_date, part_of_day, document_kind,
          document_number, email, created_at
