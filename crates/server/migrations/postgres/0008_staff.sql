-- The same as migrations/sqlite/0009_staff.sql (read its comments), in PostgreSQL's words.

CREATE TABLE staff_accounts (
    id             BIGSERIAL PRIMARY KEY,
    email          TEXT    NOT NULL UNIQUE,
    role           TEXT    NOT NULL CHECK (role IN ('funcionario', 'administrador')),
    password_hash  TEXT    NOT NULL,
    disabled       BIGINT  NOT NULL DEFAULT 0,
    failures       BIGINT  NOT NULL DEFAULT 0,
    failures_since BIGINT,
    locked_until   BIGINT,
    created_at     BIGINT  NOT NULL,
    updated_at     BIGINT  NOT NULL
);

CREATE TABLE staff_offices (
    account_id  BIGINT  NOT NULL REFERENCES staff_accounts (id),
    office_id   TEXT    NOT NULL,
    PRIMARY KEY (account_id, office_id)
);

ALTER TABLE appointments ADD COLUMN attendance TEXT CHECK (attendance IN ('attended', 'no_show'));
ALTER TABLE appointments ADD COLUMN checked_in_at BIGINT;
ALTER TABLE appointments ADD COLUMN cancel_reason TEXT;

ALTER TABLE appointment_events ADD COLUMN account_id BIGINT REFERENCES staff_accounts (id);
