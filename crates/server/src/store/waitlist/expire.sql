-- Entries whose last day is before $1 (today in Bogotá, YYYY-MM-DD) stop waiting at $2, their
-- personal data erased.
UPDATE waitlist
   SET state = 'expired', ended_at = $2, waiting_document = NULL, document_number = NULL,
       document_hash = NULL, name = NULL, email = NULL
 WHERE state = 'waiting' AND until_date < $1
