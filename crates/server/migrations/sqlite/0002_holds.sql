-- Holds: a seat kept for a citizen while they finish booking. A hold is a row of `seats`
-- just like a booked seat, so the same primary key keeps holds and bookings together within
-- the desks of a slot. A hold whose `expires_at` has passed no longer counts as taken, and is
-- deleted by the next request that needs its seat: no background job is needed.

CREATE TABLE seats_with_holds (
    office_id       TEXT    NOT NULL,
    start_at        INTEGER NOT NULL,
    seat            INTEGER NOT NULL CHECK (seat >= 0),
    appointment_id  INTEGER UNIQUE REFERENCES appointments (id),
    hold_id         TEXT    UNIQUE,
    -- The browser that holds it: its next hold replaces this one.
    hold_client     TEXT,
    expires_at      INTEGER,
    hold_extended   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (office_id, start_at, seat),
    CHECK ((appointment_id IS NULL) <> (hold_id IS NULL)),
    CHECK ((hold_id IS NULL) = (expires_at IS NULL))
);

INSERT INTO seats_with_holds (office_id, start_at, seat, appointment_id)
    SELECT office_id, start_at, seat, appointment_id FROM seats;
DROP TABLE seats;
ALTER TABLE seats_with_holds RENAME TO seats;
CREATE INDEX seats_by_hold_client ON seats (hold_client);

-- Who made each change, for officials answering "what happened to my appointment".
ALTER TABLE appointment_events ADD COLUMN actor TEXT NOT NULL DEFAULT 'ciudadano (web)';
