-- The same as migrations/sqlite/0011_outbox.sql (read its comments), in PostgreSQL's words.

ALTER TABLE appointments ADD COLUMN language TEXT NOT NULL DEFAULT 'es' CHECK (language IN ('es', 'en'));

CREATE TABLE outbox (
    id              BIGSERIAL PRIMARY KEY,
    appointment_id  BIGINT  NOT NULL REFERENCES appointments (id),
    kind            TEXT    NOT NULL CHECK (kind IN ('confirmation', 'reminder', 'moved', 'cancelled')),
    version         BIGINT  NOT NULL,
    channel         TEXT    NOT NULL CHECK (channel IN ('email', 'sms')),
    state           TEXT    NOT NULL DEFAULT 'pending'
                            CHECK (state IN ('pending', 'sent', 'skipped', 'given_up')),
    due_at          BIGINT  NOT NULL,
    attempts        BIGINT  NOT NULL DEFAULT 0,
    claimed_until   BIGINT,
    created_at      BIGINT  NOT NULL,
    done_at         BIGINT,
    UNIQUE (appointment_id, kind, version, channel)
);

CREATE INDEX outbox_pending ON outbox (due_at) WHERE state = 'pending';

CREATE TABLE outbox_attempts (
    id         BIGSERIAL PRIMARY KEY,
    outbox_id  BIGINT  NOT NULL REFERENCES outbox (id),
    at         BIGINT  NOT NULL,
    outcome    TEXT    NOT NULL CHECK (outcome IN ('sent', 'failed', 'skipped', 'given_up')),
    detail     TEXT    NOT NULL DEFAULT ''
);

CREATE INDEX outbox_attempts_by_message ON outbox_attempts (outbox_id);

CREATE INDEX appointments_by_start ON appointments (start_at);

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

-- Row triggers run after the whole statement that inserted the event (a booking batch is one
-- statement with several parts): they see the appointments it wrote.
CREATE FUNCTION queue_messages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO outbox (appointment_id, kind, version, channel, due_at, created_at)
    SELECT a.id, m.kind, NEW.id, c.channel, NEW.at, NEW.at
      FROM appointments a
      JOIN message_kinds m ON m.action = NEW.action
      JOIN (VALUES ('email'), ('sms')) AS c (channel)
        ON (c.channel = 'email' AND a.email IS NOT NULL) OR (c.channel = 'sms' AND a.phone IS NOT NULL)
     WHERE a.id = NEW.appointment_id;
    RETURN NULL;
END
$$;

CREATE TRIGGER appointment_events_queue_messages AFTER INSERT ON appointment_events
    FOR EACH ROW EXECUTE FUNCTION queue_messages();
