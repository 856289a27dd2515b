-- Taken seats per slot start of an office between two instants: booked ones, and holds that
-- have not expired at $4. A seat with an expired hold is free.
-- $1 office, $2 from, $3 until (exclusive), $4 now.
SELECT start_at, COUNT(*)
  FROM seats
 WHERE office_id = $1 AND start_at >= $2 AND start_at < $3
   AND (appointment_id IS NOT NULL OR expires_at > $4)
 GROUP BY start_at
