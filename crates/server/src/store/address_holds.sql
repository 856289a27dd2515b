-- The live holds at $2 (now) of the client address $1, other than the browser $3's, and when
-- the first of them expires.
SELECT COUNT(*), MIN(expires_at)
  FROM seats
 WHERE hold_address = $1 AND expires_at > $2 AND (hold_client IS NULL OR hold_client <> $3)
