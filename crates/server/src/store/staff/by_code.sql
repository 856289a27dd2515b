-- The appointment with the code $1, for an official (who proves nothing with a document: the
-- session and the office do).
SELECT id, code, office_id, service_id, start_at, end_at, document_kind, document_number,
       name, email, phone, status, created_at, updated_at, attendance, checked_in_at, cancel_reason
  FROM appointments
 WHERE code = $1
