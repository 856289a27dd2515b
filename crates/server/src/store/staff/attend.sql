-- Records whether the person of the booked appointment $1 came: $3 'attended' (checked in at $2)
-- or 'no_show'. Changes nothing unless it is booked and nothing was recorded yet.
UPDATE appointments
   SET attendance = $3, checked_in_at = CASE WHEN $3 = 'attended' THEN $2 ELSE NULL END, updated_at = $2
 WHERE id = $1 AND status = 'booked' AND attendance IS NULL
