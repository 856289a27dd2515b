-- The client address each hold was taken from: a client address may keep only a few live holds
-- at once (store::hold), so that a script cannot hold every seat of an office. Kept only while
-- the hold lives: its row becomes the booked seat (the address then cleared) or is released.

ALTER TABLE seats ADD COLUMN hold_address TEXT;

CREATE INDEX seats_by_hold_address ON seats (hold_address);
