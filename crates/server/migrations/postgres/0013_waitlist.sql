-- The same as migrations/sqlite/0014_waitlist.sql (read its comments), in PostgreSQL's words.

CREATE TABLE waitlist (
    id               BIGSERIAL PRIMARY KEY,
    code             TEXT    NOT NULL UNIQUE,
    office_id        TEXT    NOT NULL,
    service_id       TEXT    NOT NULL,
    from_date        TEXT    NOT NULL,
    until_date       TEXT    NOT NULL,
    part_of_day      TEXT    CHECK (part_of_day IN ('morning', 'afternoon')),
    document_kind    TEXT    NOT NULL,
    document_number  TEXT,
    document_hash    TEXT,
    waiting_document TEXT    UNIQUE,
    name             TEXT,
    email            TEXT,
    data_key         BIGINT,
    language         TEXT    NOT NULL DEFAULT 'es' CHECK (language IN ('es', 'en')),
    state            TEXT    NOT NULL DEFAULT 'waiting'
                             CHECK (state IN ('waiting', 'left', 'booked', 'expired')),
    consent_at       BIGINT  NOT NULL,
    privacy_notice   TEXT    NOT NULL,
    created_at       BIGINT  NOT NULL,
    ended_at         BIGINT
);

CREATE INDEX waitlist_waiting ON waitlist (office_id, created_at) WHERE state = 'waiting';

CREATE TABLE waitlist_offers (
    id          BIGSERIAL PRIMARY KEY,
    entry_id    BIGINT  NOT NULL REFERENCES waitlist (id),
    hold_id     TEXT    NOT NULL UNIQUE,
    office_id   TEXT    NOT NULL,
    start_at    BIGINT  NOT NULL,
    state       TEXT    NOT NULL DEFAULT 'open'
                        CHECK (state IN ('open', 'taken', 'expired', 'withdrawn')),
    expires_at  BIGINT  NOT NULL,
    created_at  BIGINT  NOT NULL,
    ended_at    BIGINT
);

CREATE UNIQUE INDEX waitlist_offers_one_open ON waitlist_offers (entry_id) WHERE state = 'open';
CREATE INDEX waitlist_offers_by_expiry ON waitlist_offers (expires_at) WHERE state = 'open';
CREATE INDEX waitlist_offers_by_entry ON waitlist_offers (entry_id, office_id, start_at);

ALTER TABLE outbox ALTER COLUMN appointment_id DROP NOT NULL;
ALTER TABLE outbox ADD COLUMN waitlist_id BIGINT REFERENCES waitlist (id);
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check
    CHECK (kind IN ('confirmation', 'reminder', 'moved', 'cancelled', 'waitlist_joined', 'waitlist_offer'));
ALTER TABLE outbox ADD CONSTRAINT outbox_one_subject CHECK ((appointment_id IS NULL) <> (waitlist_id IS NULL));
ALTER TABLE outbox ADD CONSTRAINT outbox_waitlist_message UNIQUE (waitlist_id, kind, version, channel);

CREATE FUNCTION queue_waitlist_joined() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO outbox (waitlist_id, kind, version, channel, due_at, created_at)
    VALUES (NEW.id, 'waitlist_joined', 0, 'email', NEW.created_at, NEW.created_at);
    RETURN NULL;
END
$$;

CREATE TRIGGER waitlist_queue_joined AFTER INSERT ON waitlist
    FOR EACH ROW EXECUTE FUNCTION queue_waitlist_joined();

CREATE FUNCTION queue_waitlist_offer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO outbox (waitlist_id, kind, version, channel, due_at, created_at)
    VALUES (NEW.entry_id, 'waitlist_offer', NEW.id, 'email', NEW.created_at, NEW.created_at);
    RETURN NULL;
END
$$;

CREATE TRIGGER waitlist_offers_queue_offer AFTER INSERT ON waitlist_offers
    FOR EACH ROW EXECUTE FUNCTION queue_waitlist_offer();

CREATE FUNCTION withdraw_waitlist_offer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE waitlist_offers SET state = 'withdrawn', ended_at = NEW.ended_at
     WHERE entry_id = NEW.id AND state = 'open';
    RETURN NULL;
END
$$;

CREATE TRIGGER waitlist_withdraw_offer AFTER UPDATE OF state ON waitlist
    FOR EACH ROW WHEN (OLD.state = 'waiting' AND NEW.state <> 'waiting')
    EXECUTE FUNCTION withdraw_waitlist_offer();

CREATE FUNCTION end_waiting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE waitlist_offers SET state = 'taken', ended_at = NEW.at
     WHERE state = 'open'
       AND hold_id = (SELECT from_hold FROM appointments WHERE id = NEW.appointment_id);
    UPDATE waitlist
       SET state = 'booked', ended_at = NEW.at, waiting_document = NULL, document_number = NULL,
           document_hash = NULL, name = NULL, email = NULL
     WHERE waiting_document = (SELECT document_hash FROM appointments WHERE id = NEW.appointment_id);
    RETURN NULL;
END
$$;

CREATE TRIGGER appointment_events_end_waiting AFTER INSERT ON appointment_events
    FOR EACH ROW WHEN (NEW.action = 'booked') EXECUTE FUNCTION end_waiting();
