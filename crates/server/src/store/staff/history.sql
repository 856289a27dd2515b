-- The history of the appointment $1, oldest first.
SELECT at, action, actor, detail FROM appointment_events WHERE appointment_id = $1 ORDER BY at, id
