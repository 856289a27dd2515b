-- Seats still held by offers that ended untaken (expired, or withdrawn when their entry stopped
-- waiting), live at $1: each goes to the next in line, or back to everyone.
SELECT s.office_id, s.start_at, s.hold_id
  FROM seats s JOIN waitlist_offers o ON o.hold_id = s.hold_id
 WHERE o.state IN ('expired', 'withdrawn') AND s.appointment_id IS NULL AND s.expires_at > $1
 ORDER BY s.start_at
