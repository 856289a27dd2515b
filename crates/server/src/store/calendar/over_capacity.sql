-- The booked appointments of the office $1 starting from $2 until $3 (exclusive) in slots that
-- hold more than $4 booked appointments, by start: none is dropped, the office decides.
SELECT a.id, a.code, a.office_id, a.service_id, a.start_at, a.end_at, a.document_kind,
       a.document_number, a.name, a.email, a.phone, a.status, a.created_at, a.updated_at,
       a.attendance, a.checked_in_at, a.cancel_reason
  FROM appointments a
 WHERE a.office_id = $1 AND a.status = 'booked' AND a.start_at >= $2 AND a.start_at < $3
   AND (SELECT COUNT(*) FROM appointments b
         WHERE b.office_id = a.office_id AND b.start_at = a.start_at AND b.status = 'booked') > $4
 ORDER BY a.start_at, a.id
