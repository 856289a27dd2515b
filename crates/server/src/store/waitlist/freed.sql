-- Seats in fair release (freed by a cancellation or a move, held by nobody until they return to
-- everyone) at the office $1 starting between $2 and $3 (exclusive), live at $4: offered to the
-- waiting list first.
SELECT s.start_at, s.hold_id
  FROM seats s
 WHERE s.office_id = $1 AND s.start_at >= $2 AND s.start_at < $3
   AND s.appointment_id IS NULL AND s.hold_client IS NULL AND s.expires_at > $4
   AND NOT EXISTS (SELECT 1 FROM waitlist_offers o WHERE o.hold_id = s.hold_id)
 ORDER BY s.start_at
