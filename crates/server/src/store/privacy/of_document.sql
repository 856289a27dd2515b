-- The appointments of the document $1 (kind) with the hash $2 whose data is still kept, latest
-- first, with what the citizen accepted and the language of their messages.
SELECT id, code, office_id, service_id, start_at, end_at, document_kind, document_number,
       name, email, phone, status, created_at, updated_at, attendance, checked_in_at, cancel_reason,
       consent_at, privacy_notice, language
  FROM appointments
 WHERE document_kind = $1 AND document_hash = $2 AND erased_at IS NULL
 ORDER BY start_at DESC
