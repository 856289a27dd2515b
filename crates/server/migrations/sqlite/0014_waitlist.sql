-- The waiting list (store/waitlist.rs, waitlist.rs): citizens who wait for a seat of an office,
-- and the seats offered to them.

-- One row per citizen who asked to be told. Personal fields are sealed like an appointment's
-- (store/sealing.rs) and erased (NULL) as soon as the entry stops waiting.
CREATE TABLE waitlist (
    id               INTEGER PRIMARY KEY,
    -- With the document, finds the entry again (an appointment code's format and alphabet).
    code             TEXT    NOT NULL UNIQUE,
    office_id        TEXT    NOT NULL,
    service_id       TEXT    NOT NULL,
    -- The days the citizen can come, YYYY-MM-DD in Bogotá, and the part of the day.
    from_date        TEXT    NOT NULL,
    until_date       TEXT    NOT NULL,
    part_of_day      TEXT    CHECK (part_of_day IN ('morning', 'afternoon')),
    document_kind    TEXT    NOT NULL,
    document_number  TEXT,
    document_hash    TEXT,
    -- The document's hash while the entry waits, NULL once it stopped: being UNIQUE, it keeps one
    -- entry per document even under concurrent requests.
    waiting_document TEXT    UNIQUE,
    name             TEXT,
    email            TEXT,
    data_key         INTEGER,
    language         TEXT    NOT NULL DEFAULT 'es' CHECK (language IN ('es', 'en')),
    -- waiting; left (on request); booked (the document booked an appointment); expired (its
    -- last day passed).
    state            TEXT    NOT NULL DEFAULT 'waiting'
                             CHECK (state IN ('waiting', 'left', 'booked', 'expired')),
    consent_at       INTEGER NOT NULL,
    privacy_notice   TEXT    NOT NULL,
    created_at       INTEGER NOT NULL,
    ended_at         INTEGER
);

CREATE INDEX waitlist_waiting ON waitlist (office_id, created_at) WHERE state = 'waiting';

-- A seat held for an entry: the row of `seats` is a hold whose id is `hold_id` (the link in the
-- citizen's message), with no browser and no address, like a seat in fair release.
CREATE TABLE waitlist_offers (
    id          INTEGER PRIMARY KEY,
    entry_id    INTEGER NOT NULL REFERENCES waitlist (id),
    hold_id     TEXT    NOT NULL UNIQUE,
    office_id   TEXT    NOT NULL,
    start_at    INTEGER NOT NULL,
    -- open; taken (booked through its hold); expired (not taken in time); withdrawn (the entry
    -- stopped waiting first).
    state       TEXT    NOT NULL DEFAULT 'open'
                        CHECK (state IN ('open', 'taken', 'expired', 'withdrawn')),
    expires_at  INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    ended_at    INTEGER
);

-- One open offer per entry, and one per seat's hold (above).
CREATE UNIQUE INDEX waitlist_offers_one_open ON waitlist_offers (entry_id) WHERE state = 'open';
CREATE INDEX waitlist_offers_by_expiry ON waitlist_offers (expires_at) WHERE state = 'open';
CREATE INDEX waitlist_offers_by_entry ON waitlist_offers (entry_id, office_id, start_at);

-- The outbox carries messages about entries too: `waitlist_id` instead of `appointment_id`.
-- SQLite cannot drop a NOT NULL, so the outbox is rebuilt, and its attempts with it (they refer
-- to it): new tables, filled, the old ones dropped (nothing refers to them by then), and the new
-- ones renamed (which renames the attempts' reference too), within sqlx's transaction.
DROP TRIGGER appointment_events_queue_messages;

CREATE TABLE outbox_new (
    id              INTEGER PRIMARY KEY,
    appointment_id  INTEGER REFERENCES appointments (id),
    waitlist_id     INTEGER REFERENCES waitlist (id),
    kind            TEXT    NOT NULL
                            CHECK (kind IN ('confirmation', 'reminder', 'moved', 'cancelled',
                                            'waitlist_joined', 'waitlist_offer')),
    -- For an appointment, the event of its history the message reports; for an entry, 0 when it
    -- joined and the offer's id for an offer.
    version         INTEGER NOT NULL,
    channel         TEXT    NOT NULL CHECK (channel IN ('email', 'sms')),
    state           TEXT    NOT NULL DEFAULT 'pending'
                            CHECK (state IN ('pending', 'sent', 'skipped', 'given_up')),
    due_at          INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    claimed_until   INTEGER,
    created_at      INTEGER NOT NULL,
    done_at         INTEGER,
    CHECK ((appointment_id IS NULL) <> (waitlist_id IS NULL)),
    UNIQUE (appointment_id, kind, version, channel),
    UNIQUE (waitlist_id, kind, version, channel)
);

INSERT INTO outbox_new (id, appointment_id, kind, version, channel, state, due_at, attempts,
                        claimed_until, created_at, done_at)
SELECT id, appointment_id, kind, version, channel, state, due_at, attempts, claimed_until,
       created_at, done_at
  FROM outbox;

CREATE TABLE outbox_attempts_new (
    id         INTEGER PRIMARY KEY,
    outbox_id  INTEGER NOT NULL REFERENCES outbox_new (id),
    at         INTEGER NOT NULL,
    outcome    TEXT    NOT NULL CHECK (outcome IN ('sent', 'failed', 'skipped', 'given_up')),
    detail     TEXT    NOT NULL DEFAULT ''
);

INSERT INTO outbox_attempts_new (id, outbox_id, at, outcome, detail)
SELECT id, outbox_id, at, outcome, detail FROM outbox_attempts;

DROP TABLE outbox_attempts;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
ALTER TABLE outbox_attempts_new RENAME TO outbox_attempts;
CREATE INDEX outbox_pending ON outbox (due_at) WHERE state = 'pending';
CREATE INDEX outbox_attempts_by_message ON outbox_attempts (outbox_id);

-- As in 0011_outbox.sql.
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

-- Joining queues its confirmation, and an offer its message, in the same statement.
CREATE TRIGGER waitlist_queue_joined AFTER INSERT ON waitlist
BEGIN
    INSERT INTO outbox (waitlist_id, kind, version, channel, due_at, created_at)
    VALUES (NEW.id, 'waitlist_joined', 0, 'email', NEW.created_at, NEW.created_at);
END;

CREATE TRIGGER waitlist_offers_queue_offer AFTER INSERT ON waitlist_offers
BEGIN
    INSERT INTO outbox (waitlist_id, kind, version, channel, due_at, created_at)
    VALUES (NEW.entry_id, 'waitlist_offer', NEW.id, 'email', NEW.created_at, NEW.created_at);
END;

-- An entry that stops waiting (left, booked, expired) withdraws its open offer, whose seat the
-- next round of offers passes on.
CREATE TRIGGER waitlist_withdraw_offer AFTER UPDATE OF state ON waitlist
WHEN OLD.state = 'waiting' AND NEW.state <> 'waiting'
BEGIN
    UPDATE waitlist_offers SET state = 'withdrawn', ended_at = NEW.ended_at
     WHERE entry_id = NEW.id AND state = 'open';
END;

-- A booking takes the offer whose hold it used, and its document leaves the waiting list (its
-- personal data erased there), in the booking's own transaction, whichever statement booked.
CREATE TRIGGER appointment_events_end_waiting AFTER INSERT ON appointment_events
WHEN NEW.action = 'booked'
BEGIN
    UPDATE waitlist_offers SET state = 'taken', ended_at = NEW.at
     WHERE state = 'open'
       AND hold_id = (SELECT from_hold FROM appointments WHERE id = NEW.appointment_id);
    UPDATE waitlist
       SET state = 'booked', ended_at = NEW.at, waiting_document = NULL, document_number = NULL,
           document_hash = NULL, name = NULL, email = NULL
     WHERE waiting_document = (SELECT document_hash FROM appointments WHERE id = NEW.appointment_id);
END;
