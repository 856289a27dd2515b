-- The columns that only some rows fill are indexed only where filled: the hold a booking was
-- made through and its Idempotency-Key (most bookings have one or neither), and a live hold's
-- browser and client address (a booked seat has neither). Every lookup by them asks for a value
-- (`from_hold = ?`), which only a filled row has, so each index still serves it; a booking no
-- longer writes an entry for nothing into each.

DROP INDEX appointments_by_hold;
DROP INDEX appointments_by_idempotency_key;
DROP INDEX seats_by_hold_client;
DROP INDEX seats_by_hold_address;

CREATE INDEX appointments_by_hold ON appointments (from_hold) WHERE from_hold IS NOT NULL;
CREATE INDEX appointments_by_idempotency_key ON appointments (idempotency_key)
    WHERE idempotency_key IS NOT NULL;
CREATE INDEX seats_by_hold_client ON seats (hold_client) WHERE hold_client IS NOT NULL;
CREATE INDEX seats_by_hold_address ON seats (hold_address) WHERE hold_address IS NOT NULL;
