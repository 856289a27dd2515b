-- Adds to the appointment $1's history: at $2, $3 happened ($4 says more; never a document
-- number), done by $5 as the account $6 (NULL for the citizen).
INSERT INTO appointment_events (appointment_id, at, action, detail, actor, account_id)
VALUES ($1, $2, $3, $4, $5, $6)
