-- Wrong documents given for an appointment code, counted in the database so that every
-- instance sees them: five within an hour lock the code for an hour (store::find). Kept for
-- any code asked about, booked or not, so that a lock says nothing about whether it exists.
-- Rows whose hour and lock are over are deleted as new failures are counted.

CREATE TABLE code_failures (
    code          TEXT    PRIMARY KEY,
    -- When the current hour of failures began, and how many there have been since.
    since         INTEGER NOT NULL,
    failures      INTEGER NOT NULL,
    -- While in the future, the code is refused whatever the document.
    locked_until  INTEGER
);

CREATE INDEX code_failures_by_since ON code_failures (since);
