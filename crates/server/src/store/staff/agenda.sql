-- The appointments of the office $1 starting from $2 until before $3, cancelled ones included,
-- by time.
SELECT id, code, office_id, service_id, start_at, end_at, document_kind, document_number,
       name, email, phone, status, created_at, updated_at, attendance, checked_in_at, cancel_reason
  FROM appointments
 WHERE office_id = $1 AND start_at >= $2 AND start_at < $3
 ORDER BY start_at, id
