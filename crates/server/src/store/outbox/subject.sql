-- What a message about the appointment $1 says: the appointment as it is now, its language, and
-- its latest version (the id of its latest booking, move or cancellation in its history).
SELECT a.id, a.code, a.office_id, a.service_id, a.start_at, a.end_at, a.document_kind,
       a.document_number, a.name, a.email, a.phone, a.status, a.created_at, a.updated_at,
       a.attendance, a.checked_in_at, a.cancel_reason, a.language,
       (SELECT MAX(e.id) FROM appointment_events e
         WHERE e.appointment_id = a.id
           AND e.action IN ('booked', 'rescheduled', 'cancelled', 'cancelled_by_office')) AS latest,
       (SELECT e.at FROM appointment_events e WHERE e.id = $2) AS version_at
  FROM appointments a
 WHERE a.id = $1
