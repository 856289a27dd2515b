-- The seat held as $1 becomes the offer's: held as $2 by nobody's browser (so no browser can
-- release or extend it) until $3. Nothing changes if another instance took it first.
UPDATE seats
   SET hold_id = $2, hold_client = NULL, hold_address = NULL, hold_extended = 1, expires_at = $3
 WHERE hold_id = $1 AND appointment_id IS NULL
