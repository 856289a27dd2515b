-- The hold $1 if it has not expired at $2.
SELECT office_id, start_at, expires_at, hold_extended
  FROM seats
 WHERE hold_id = $1 AND expires_at > $2
