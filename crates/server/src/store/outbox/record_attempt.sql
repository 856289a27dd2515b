-- An attempt to send the message $1, at $2, and its outcome $3 ($4 says more: never an address
-- or a name).
INSERT INTO outbox_attempts (outbox_id, at, outcome, detail) VALUES ($1, $2, $3, $4)
