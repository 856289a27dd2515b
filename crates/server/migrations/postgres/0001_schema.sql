-- The same schema as migrations/sqlite (read its comments), in PostgreSQL's words.
-- Overbooking is made impossible by the primary key of `seats`: one row per (office, start,
-- seat number), booked or held; one active appointment per document by a unique column.
-- Times are Unix seconds (UTC).

CREATE TABLE appointments (
    id               BIGSERIAL PRIMARY KEY,
    code             TEXT    NOT NULL UNIQUE,
    office_id        TEXT    NOT NULL,
    service_id       TEXT    NOT NULL,
    start_at         BIGINT  NOT NULL,
    end_at           BIGINT  NOT NULL,
    document_kind    TEXT    NOT NULL,
    document_number  TEXT    NOT NULL,
    active_document  TEXT    UNIQUE,
    name             TEXT    NOT NULL,
    email            TEXT,
    phone            TEXT,
    status           TEXT    NOT NULL CHECK (status IN ('booked', 'cancelled')),
    consent_at       BIGINT  NOT NULL,
    privacy_notice   TEXT    NOT NULL,
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL
);

CREATE INDEX appointments_by_document ON appointments (document_kind, document_number);
CREATE INDEX appointments_by_slot ON appointments (office_id, start_at);

CREATE TABLE seats (
    office_id       TEXT    NOT NULL,
    start_at        BIGINT  NOT NULL,
    seat            BIGINT  NOT NULL CHECK (seat >= 0),
    appointment_id  BIGINT  UNIQUE REFERENCES appointments (id),
    hold_id         TEXT    UNIQUE,
    hold_client     TEXT,
    expires_at      BIGINT,
    hold_extended   BIGINT  NOT NULL DEFAULT 0,
    PRIMARY KEY (office_id, start_at, seat),
    CHECK ((appointment_id IS NULL) <> (hold_id IS NULL)),
    CHECK ((hold_id IS NULL) = (expires_at IS NULL))
);

CREATE INDEX seats_by_hold_client ON seats (hold_client);

CREATE TABLE appointment_events (
    id              BIGSERIAL PRIMARY KEY,
    appointment_id  BIGINT  NOT NULL REFERENCES appointments (id),
    at              BIGINT  NOT NULL,
    action          TEXT    NOT NULL,
    detail          TEXT    NOT NULL DEFAULT '',
    actor           TEXT    NOT NULL DEFAULT 'ciudadano (web)'
);

CREATE INDEX appointment_events_by_appointment ON appointment_events (appointment_id);
