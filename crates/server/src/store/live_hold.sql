-- The hold $1 if it has not expired at $2.
SELECT office_id, start_at
  FROM seats
 WHERE hold_id = $1 AND expires_at > $2
