-- The message $1 is done at $2: $3 is 'sent', 'skipped' or 'given_up'.
UPDATE outbox SET state = $3, done_at = $2, claimed_until = NULL WHERE id = $1
