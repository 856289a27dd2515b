-- Erases at $3 the personal fields of every appointment of the document $1 (kind) with the hash $2:
-- what stays (office, service, times, status, attendance, history) says nothing of the person.
-- Returns the appointments erased.
UPDATE appointments
   SET name = '', document_number = '', email = NULL, phone = NULL, active_document = NULL,
       document_hash = NULL, erased_at = $3
 WHERE document_kind = $1 AND document_hash = $2 AND erased_at IS NULL
RETURNING id
