-- Gives the hold $1 until $2, if it is live at $3 and has not been extended: once per hold,
-- decided by this one statement, so two requests to extend cannot both succeed.
UPDATE seats SET expires_at = $2, hold_extended = 1
 WHERE hold_id = $1 AND expires_at > $3 AND hold_extended = 0
RETURNING office_id, start_at
