-- The message $1 failed: it is tried again from $2, by any instance.
UPDATE outbox SET due_at = $2, claimed_until = NULL WHERE id = $1
