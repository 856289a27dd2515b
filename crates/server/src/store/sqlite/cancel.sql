-- Cancels the appointment $1 at $2, in one transaction: it no longer holds its document, its
-- seat returns to the others at $3, and its history says so: $6 did it as $7 (the account, when
-- an official), with the office's reason $5 (NULL when the citizen cancels). Changes nothing, and returns
-- nothing, if it was cancelled already (its history is written only by the request that
-- cancelled it). Until $3 (fair release) the seat's row stays, as a hold whose id ($4) nobody
-- has: every statement counts it as taken, and takes it over in place once it expires.
BEGIN IMMEDIATE;

UPDATE appointments SET status = 'cancelled', active_document = NULL, updated_at = $2, cancel_reason = $5
 WHERE id = $1 AND status = 'booked'
RETURNING id, code, office_id, service_id, start_at, end_at, document_kind, document_number,
          name, email, phone, status, created_at, updated_at, attendance, checked_in_at, cancel_reason;

INSERT INTO appointment_events (appointment_id, at, action, detail, actor, account_id)
SELECT $1, $2, CASE WHEN $5 IS NULL THEN 'cancelled' ELSE 'cancelled_by_office' END, COALESCE($5, ''), $6, $7
 WHERE changes() = 1;

UPDATE seats
   SET appointment_id = NULL, hold_id = $4, hold_client = NULL, hold_address = NULL, expires_at = $3,
       hold_extended = 1
 WHERE appointment_id = $1;

COMMIT
