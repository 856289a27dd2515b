-- What a booking was asked with, so that the same request sent again (its answer was lost)
-- gets the same appointment instead of a refusal: the hold it was booked through, and the
-- client's Idempotency-Key header.

ALTER TABLE appointments ADD COLUMN from_hold TEXT;
ALTER TABLE appointments ADD COLUMN idempotency_key TEXT;

CREATE INDEX appointments_by_hold ON appointments (from_hold);
CREATE INDEX appointments_by_idempotency_key ON appointments (idempotency_key);
