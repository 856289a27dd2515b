-- The officials' side: their accounts, the offices each acts on, and what an office records
-- about an appointment (attendance, its own cancellations). Sessions are kept by
-- tower-sessions in its own table (`tower_sessions`), made at start.

CREATE TABLE staff_accounts (
    id             INTEGER PRIMARY KEY,
    -- Lower case: one account per address however it is typed.
    email          TEXT    NOT NULL UNIQUE,
    role           TEXT    NOT NULL CHECK (role IN ('funcionario', 'administrador')),
    -- argon2id, as a PHC string (algorithm, parameters, salt and hash).
    password_hash  TEXT    NOT NULL,
    disabled       INTEGER NOT NULL DEFAULT 0,
    -- Failed sign-ins since `failures_since`; enough of them lock the account until
    -- `locked_until` (store::staff).
    failures       INTEGER NOT NULL DEFAULT 0,
    failures_since INTEGER,
    locked_until   INTEGER,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);

-- The offices a funcionario acts on (an administrador acts on every office).
CREATE TABLE staff_offices (
    account_id  INTEGER NOT NULL REFERENCES staff_accounts (id),
    office_id   TEXT    NOT NULL,
    PRIMARY KEY (account_id, office_id)
);

-- Whether the person came: set by check-in (with the booked document) or by a no-show, and
-- undone by reopening the same day. `status` stays 'booked' or 'cancelled'.
ALTER TABLE appointments ADD COLUMN attendance TEXT CHECK (attendance IN ('attended', 'no_show'));
ALTER TABLE appointments ADD COLUMN checked_in_at INTEGER;
-- Why the office cancelled it, shown to the citizen in "Mi cita".
ALTER TABLE appointments ADD COLUMN cancel_reason TEXT;

-- The official who did it, for every staff action in the history.
ALTER TABLE appointment_events ADD COLUMN account_id INTEGER REFERENCES staff_accounts (id);
