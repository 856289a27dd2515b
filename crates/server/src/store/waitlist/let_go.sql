-- The seat held as $1, which nobody on the list takes, is held as $2 (an id nobody has) until $3
-- at the latest, then returns to everyone (fair release).
UPDATE seats
   SET hold_id = $2, hold_client = NULL, hold_address = NULL, hold_extended = 1,
       expires_at = CASE WHEN expires_at < $3 THEN expires_at ELSE $3 END
 WHERE hold_id = $1 AND appointment_id IS NULL
