-- Messages to citizens (store/outbox.rs, mail/): the outbox, written in the transaction of the
-- change each message reports, and sent afterwards by a sender in each instance.

-- The language the citizen booked in: their messages are written in it.
ALTER TABLE appointments ADD COLUMN language TEXT NOT NULL DEFAULT 'es' CHECK (language IN ('es', 'en'));

-- One row per message to one citizen. (appointment, kind, version, channel) is unique: a message
-- is queued once, however often the statements that queue it run.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    appointment_id  INTEGER NOT NULL REFERENCES appointments (id),
    kind            TEXT    NOT NULL CHECK (kind IN ('confirmation', 'reminder', 'moved', 'cancelled')),
    -- The version of the appointment it reports: the id of the event of its history (booked,
    -- rescheduled, cancelled) that made it what the message says. A message whose version is
    -- no longer the appointment's latest is not sent (mail::decide).
    version         INTEGER NOT NULL,
    channel         TEXT    NOT NULL CHECK (channel IN ('email', 'sms')),
    state           TEXT    NOT NULL DEFAULT 'pending'
                            CHECK (state IN ('pending', 'sent', 'skipped', 'given_up')),
    -- When to try it (next): at once for what a change reports, after a failure later.
    due_at          INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    -- An instance that claimed it is sending it until then; past it, a crashed instance's claim
    -- is taken by another.
    claimed_until   INTEGER,
    created_at      INTEGER NOT NULL,
    done_at         INTEGER,
    UNIQUE (appointment_id, kind, version, channel)
);

CREATE INDEX outbox_pending ON outbox (due_at) WHERE state = 'pending';

-- Every attempt to send one, and what became of it; `detail` never holds an address or a name.
CREATE TABLE outbox_attempts (
    id         INTEGER PRIMARY KEY,
    outbox_id  INTEGER NOT NULL REFERENCES outbox (id),
    at         INTEGER NOT NULL,
    outcome    TEXT    NOT NULL CHECK (outcome IN ('sent', 'failed', 'skipped', 'given_up')),
    detail     TEXT    NOT NULL DEFAULT ''
);

CREATE INDEX outbox_attempts_by_message ON outbox_attempts (outbox_id);

-- Reminders are queued as appointments come within the reminder's lead (reminders.sql).
CREATE INDEX appointments_by_start ON appointments (start_at);

-- What each change of an appointment tells the citizen.
CREATE TABLE message_kinds (
    action  TEXT NOT NULL,
    kind    TEXT NOT NULL,
    PRIMARY KEY (action, kind)
);
INSERT INTO message_kinds (action, kind) VALUES
    ('booked', 'confirmation'),
    ('rescheduled', 'moved'),
    ('cancelled', 'cancelled'),
    ('cancelled_by_office', 'cancelled');

-- Every write that books, moves or cancels an appointment records it in the history in its own
-- transaction; this trigger queues the message of that change in the same transaction, by
-- e-mail when the appointment has an address and by SMS when it has a phone. So no change is
-- ever committed without its message, whichever statement made it.
CREATE TRIGGER appointment_events_queue_messages AFTER INSERT ON appointment_events
BEGIN
    INSERT INTO outbox (appointment_id, kind, version, channel, due_at, created_at)
    SELECT a.id, m.kind, NEW.id, c.channel, NEW.at, NEW.at
      FROM appointments a
      JOIN message_kinds m ON m.action = NEW.action
      JOIN (SELECT 'email' AS channel UNION ALL SELECT 'sms') c
        ON (c.channel = 'email' AND a.email IS NOT NULL) OR (c.channel = 'sms' AND a.phone IS NOT NULL)
     WHERE a.id = NEW.appointment_id;
END;
