-- Queues the reminder of each booked appointment (not yet attended or missed) that starts after
-- $1 (now) and within $2 seconds of it: by e-mail when it has an address, by SMS when it has a
-- phone. Its version is the appointment's latest booking or move, so a move queues a reminder of
-- its own and the earlier one is never sent (mail::decide). A reminder queued before is not
-- queued again (the outbox's key), so every instance may run this at every poll.
INSERT INTO outbox (appointment_id, kind, version, channel, due_at, created_at)
SELECT a.id, 'reminder',
       (SELECT MAX(e.id) FROM appointment_events e
         WHERE e.appointment_id = a.id AND e.action IN ('booked', 'rescheduled')),
       c.channel, $1, $1
  FROM appointments a
  JOIN (SELECT 'email' AS channel UNION ALL SELECT 'sms') c
    ON (c.channel = 'email' AND a.email IS NOT NULL) OR (c.channel = 'sms' AND a.phone IS NOT NULL)
 WHERE a.start_at > $1 AND a.start_at <= $1 + $2 AND a.status = 'booked' AND a.attendance IS NULL
ON CONFLICT DO NOTHING
