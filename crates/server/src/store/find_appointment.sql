-- The appointment with code $1, if the document $2 (kind) with the hash $3 booked it.
SELECT id, code, office_id, service_id, start_at, end_at, document_kind, document_number,
       name, email, phone, status, created_at, updated_at, attendance, checked_in_at, cancel_reason
  FROM appointments
 WHERE code = $1 AND document_kind = $2 AND document_hash = $3
