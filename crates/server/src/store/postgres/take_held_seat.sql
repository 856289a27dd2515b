-- Turns the hold $4, if live at $3 for the slot $1 (office) $2 (start), into the seat of the
-- appointment $5: the same row, so the seat is never free in between.
UPDATE seats
   SET appointment_id = $5, hold_id = NULL, hold_client = NULL, hold_address = NULL,
       expires_at = NULL, hold_extended = 0
 WHERE hold_id = $4 AND expires_at > $3 AND office_id = $1 AND start_at = $2
