-- The messages queued for the appointment $1, in the order they were queued.
SELECT kind, channel, state, created_at FROM outbox WHERE appointment_id = $1 ORDER BY id
