-- What administrators change in the offices' calendars through the API, on top of the
-- configuration: closures, and the desks attending from a date on. Every instance reads them
-- on each request that plans days, so a change holds at once everywhere.
--
-- Dates are text, "2026-12-24" (a day in Bogotá, as `address_bookings.day`): they sort and
-- compare as dates. Times of day are text too, "12:00".

-- Days (from `first_day` to `last_day`) when offices do not attend: whole days, or with
-- `from_time` and `to_time` the slots that overlap [from_time, to_time) on each of them. The
-- reason is shown to citizens, in English when `reason_en` is given.
CREATE TABLE closures (
    id            INTEGER PRIMARY KEY,
    first_day     TEXT    NOT NULL,
    last_day      TEXT    NOT NULL CHECK (last_day >= first_day),
    from_time     TEXT,
    to_time       TEXT    CHECK ((from_time IS NULL) = (to_time IS NULL) AND (to_time IS NULL OR to_time > from_time)),
    reason_es     TEXT    NOT NULL,
    reason_en     TEXT,
    -- 1: every office, also those added to the configuration later; 0: the offices of
    -- `closure_offices`.
    every_office  INTEGER NOT NULL CHECK (every_office IN (0, 1)),
    -- The administrator who closed them (NULL: made otherwise, e.g. by a test).
    created_by    INTEGER REFERENCES staff_accounts (id),
    created_at    INTEGER NOT NULL
);

-- Availability asks for the closures that have not ended.
CREATE INDEX closures_by_last_day ON closures (last_day);

-- The offices a closure closes, when not every office.
CREATE TABLE closure_offices (
    closure_id  INTEGER NOT NULL REFERENCES closures (id) ON DELETE CASCADE,
    office_id   TEXT    NOT NULL,
    PRIMARY KEY (closure_id, office_id)
);

CREATE INDEX closure_offices_by_office ON closure_offices (office_id);

-- The desks of an office from `first_day` on, until its next change; before its first change,
-- the configured ones. One change per office and day: a later one for the same day replaces
-- it. Booked appointments are never dropped by a change: slots left over capacity are listed
-- for the office to decide.
CREATE TABLE desk_changes (
    office_id   TEXT    NOT NULL,
    first_day   TEXT    NOT NULL,
    desks       INTEGER NOT NULL CHECK (desks BETWEEN 1 AND 100),
    created_by  INTEGER REFERENCES staff_accounts (id),
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (office_id, first_day)
);
