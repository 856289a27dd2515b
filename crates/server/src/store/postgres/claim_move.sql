-- Moves the appointment $1 to $2 (start) $3 (end) at $4, if it is still booked at $5, where it
-- was read. First in its transaction: it locks the row until commit, so a cancellation or
-- another move waits, and one that got there first makes this change nothing.
UPDATE appointments SET start_at = $2, end_at = $3, updated_at = $4
 WHERE id = $1 AND status = 'booked' AND start_at = $5
