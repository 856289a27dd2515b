-- Cancels the appointment $1 at $2, in one transaction: it no longer holds its document, its
-- seat is free at once, and its history says so. Changes nothing, and returns nothing, if it
-- was cancelled already (its history is written only by the request that cancelled it).
BEGIN IMMEDIATE;

UPDATE appointments SET status = 'cancelled', active_document = NULL, updated_at = $2
 WHERE id = $1 AND status = 'booked'
RETURNING id, code, office_id, service_id, start_at, end_at, document_kind, document_number,
          name, email, phone, status, created_at, updated_at;

INSERT INTO appointment_events (appointment_id, at, action, detail)
SELECT $1, $2, 'cancelled', '' WHERE changes() = 1;

DELETE FROM seats WHERE appointment_id = $1;

COMMIT
