-- The booked appointments, not yet marked attended or no-show, whose slots overlap the
-- instants $1 to $2 (exclusive), by start: those a closure of that span may fall on.
SELECT id, code, office_id, service_id, start_at, end_at, document_kind, document_number,
       name, email, phone, status, created_at, updated_at, attendance, checked_in_at, cancel_reason
  FROM appointments
 WHERE status = 'booked' AND attendance IS NULL AND start_at < $2 AND end_at > $1
 ORDER BY start_at, id
