-- Undoes a check-in or a no-show of the appointment $1 at $2: it is booked again.
UPDATE appointments SET attendance = NULL, checked_in_at = NULL, updated_at = $2
 WHERE id = $1 AND status = 'booked' AND attendance IS NOT NULL
