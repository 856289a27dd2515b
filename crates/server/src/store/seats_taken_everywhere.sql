-- Taken seats per (office, slot start) of every office between two instants, as
-- seats_taken_at_office.sql. $1 from, $2 until (exclusive), $3 now.
SELECT office_id, start_at, COUNT(*)
  FROM seats
 WHERE start_at >= $1 AND start_at < $2
   AND (appointment_id IS NOT NULL OR expires_at > $3)
 GROUP BY office_id, start_at
