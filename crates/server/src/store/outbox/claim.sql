-- Claims at most $3 messages due at $1 (now) that no instance is sending, oldest first, until $2:
-- another instance may take one only once that has passed (the claimant crashed). Each claim
-- counts as an attempt. SQLite has one writer, so two claims never see the same row;
-- PostgreSQL's claim is postgres/claim.sql.
UPDATE outbox SET claimed_until = $2, attempts = attempts + 1
 WHERE id IN (SELECT id FROM outbox
               WHERE state = 'pending' AND due_at <= $1
                 AND (claimed_until IS NULL OR claimed_until <= $1)
               ORDER BY due_at, id
               LIMIT $3)
RETURNING id, appointment_id, waitlist_id, kind, version, channel, attempts
