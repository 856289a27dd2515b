-- The appointment with code $1, if the document $2 (kind) with the hash $3 booked it, and who made
-- its latest booking, move or cancellation (as its history names them).
SELECT id, code, office_id, service_id, start_at, end_at, document_kind, document_number,
       name, email, phone, status, created_at, updated_at, attendance, checked_in_at, cancel_reason,
       (SELECT e.actor FROM appointment_events e
         WHERE e.appointment_id = appointments.id
           AND e.action IN ('booked', 'rescheduled', 'cancelled', 'cancelled_by_office')
         ORDER BY e.id DESC
         LIMIT 1) AS changed_by
  FROM appointments
 WHERE code = $1 AND document_kind = $2 AND document_hash = $3
