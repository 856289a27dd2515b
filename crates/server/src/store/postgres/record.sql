-- Adds to the appointment $1's history: at $2, $3 happened ($4 says more; never a document
-- number).
INSERT INTO appointment_events (appointment_id, at, action, detail) VALUES ($1, $2, $3, $4)
