-- The appointments booked with the document $1 (kind) with the hash $2, latest first, at most 50.
SELECT id, code, office_id, service_id, start_at, end_at, document_kind, document_number,
       name, email, phone, status, created_at, updated_at, attendance, checked_in_at, cancel_reason
  FROM appointments
 WHERE document_kind = $1 AND document_hash = $2
 ORDER BY start_at DESC
 LIMIT 50
