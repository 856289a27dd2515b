-- The same as migrations/sqlite/0016_partial_indexes.sql (read its comments).

DROP INDEX appointments_by_hold;
DROP INDEX appointments_by_idempotency_key;
DROP INDEX seats_by_hold_client;
DROP INDEX seats_by_hold_address;

CREATE INDEX appointments_by_hold ON appointments (from_hold) WHERE from_hold IS NOT NULL;
CREATE INDEX appointments_by_idempotency_key ON appointments (idempotency_key)
    WHERE idempotency_key IS NOT NULL;
CREATE INDEX seats_by_hold_client ON seats (hold_client) WHERE hold_client IS NOT NULL;
CREATE INDEX seats_by_hold_address ON seats (hold_address) WHERE hold_address IS NOT NULL;
