-- The same as migrations/sqlite/0005_holds_per_address.sql (read its comments).

ALTER TABLE seats ADD COLUMN hold_address TEXT;

CREATE INDEX seats_by_hold_address ON seats (hold_address);
