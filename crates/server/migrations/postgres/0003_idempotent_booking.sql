-- The same as migrations/sqlite/0004_idempotent_booking.sql (read its comments).

ALTER TABLE appointments ADD COLUMN from_hold TEXT;
ALTER TABLE appointments ADD COLUMN idempotency_key TEXT;

CREATE INDEX appointments_by_hold ON appointments (from_hold);
CREATE INDEX appointments_by_idempotency_key ON appointments (idempotency_key);
