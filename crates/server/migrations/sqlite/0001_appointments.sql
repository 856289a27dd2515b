-- Appointments, and the seats they occupy.
--
-- Overbooking is made impossible by the database, not by the application: every occupied
-- seat is a row of `seats`, whose primary key allows one row per (office, start, seat number),
-- and seat numbers are below the office's desks. Two bookings racing for the last seat both
-- try to insert the same key and only one can commit.
--
-- Times are Unix seconds (UTC), the same in SQLite and PostgreSQL.

CREATE TABLE appointments (
    id               INTEGER PRIMARY KEY,
    code             TEXT    NOT NULL UNIQUE,
    office_id        TEXT    NOT NULL,
    service_id       TEXT    NOT NULL,
    start_at         INTEGER NOT NULL,
    end_at           INTEGER NOT NULL,
    document_kind    TEXT    NOT NULL,
    document_number  TEXT    NOT NULL,
    -- "CC:123…" while the appointment is booked and upcoming, NULL otherwise. Being UNIQUE,
    -- it lets one document hold at most one active appointment even under concurrent
    -- requests. It is cleared when the appointment is cancelled, or found to be past when the
    -- same document books again.
    active_document  TEXT    UNIQUE,
    name             TEXT    NOT NULL,
    email            TEXT,
    phone            TEXT,
    status           TEXT    NOT NULL CHECK (status IN ('booked', 'cancelled')),
    -- Ley 1581 de 2012, art. 9: the authorization must be provable later.
    consent_at       INTEGER NOT NULL,
    privacy_notice   TEXT    NOT NULL,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);

CREATE INDEX appointments_by_document ON appointments (document_kind, document_number);
CREATE INDEX appointments_by_slot ON appointments (office_id, start_at);

CREATE TABLE seats (
    office_id       TEXT    NOT NULL,
    start_at        INTEGER NOT NULL,
    seat            INTEGER NOT NULL CHECK (seat >= 0),
    appointment_id  INTEGER NOT NULL REFERENCES appointments (id),
    PRIMARY KEY (office_id, start_at, seat)
);

-- What happened to each appointment, for officials answering "what happened to my
-- appointment". No document numbers here.
CREATE TABLE appointment_events (
    id              INTEGER PRIMARY KEY,
    appointment_id  INTEGER NOT NULL REFERENCES appointments (id),
    at              INTEGER NOT NULL,
    action          TEXT    NOT NULL,
    detail          TEXT    NOT NULL DEFAULT ''
);

CREATE INDEX appointment_events_by_appointment ON appointment_events (appointment_id);
