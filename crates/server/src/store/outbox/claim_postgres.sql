-- claim.sql for several instances: a row another instance's claim is locking is skipped, not
-- waited for, so two instances never claim the same message.
UPDATE outbox SET claimed_until = $2, attempts = attempts + 1
 WHERE id IN (SELECT id FROM outbox
               WHERE state = 'pending' AND due_at <= $1
                 AND (claimed_until IS NULL OR claimed_until <= $1)
               ORDER BY due_at, id
               LIMIT $3
               FOR UPDATE SKIP LOCKED)
RETURNING id, appointment_id, waitlist_id, kind, version, channel, attempts
