-- Books a batch of requests in one transaction. $1: the requests, a JSON array (store/queue.rs)
-- whose order is their turn; $2: the batch's clock, its latest request, one instant for every
-- comparison with a hold's expiry so that no seat is a live hold for one request and free for
-- another. Returns the appointments written.
--
-- Each request, in its turn, gets its live hold for its slot, or the lowest seat of its slot
-- that has no row or only an expired hold (taken over in place). A request is not booked when
-- a closure removes its slot, its document holds an appointment, an earlier request of the batch has the same document,
-- its hold is gone or for another slot, its slot has no seat left, or its client address has
-- made its most bookings of the day (counting the batch's earlier requests from it); it is then
-- answered on its own (Store::book). Under the write lock nothing else writes, so every
-- statement below sees the same free seats and the same counts.
BEGIN IMMEDIATE;

-- The requests, read from the JSON once, into a temporary table of this connection: each
-- request's object is made binary (JSONB) once, so that reading its fields does not parse its
-- text again for each of them. The table is emptied before COMMIT (a rollback empties it too):
-- no citizen's data stays on the connection.
CREATE TEMP TABLE IF NOT EXISTS requests (
    n INTEGER, code TEXT, office_id TEXT, service_id TEXT, start_at INTEGER, end_at INTEGER,
    document_kind TEXT, document_number TEXT, active_document TEXT, name TEXT, email TEXT,
    phone TEXT, privacy_notice TEXT, desks INTEGER, hold TEXT, idempotency_key TEXT,
    requested_at INTEGER, detail TEXT, address TEXT, day TEXT, most INTEGER, language TEXT,
    data_key INTEGER, actor TEXT, account INTEGER, consent_by INTEGER
);

-- Each slot as the office's calendar has it now (migrations/*_office_calendar.sql): its desks
-- that day, the latest change on or before it or else the configured ones; and no request for a
-- slot that a closure removes (its day, or hours that overlap it): that one is answered on its
-- own, with the closure's reason. Read here, in the batch, so that a booking costs no read of
-- its own.
WITH r AS MATERIALIZED (SELECT key, jsonb(value) AS value FROM json_each($1))
INSERT INTO temp.requests
SELECT r.key, r.value->>'code', r.value->>'office_id', r.value->>'service_id',
       r.value->>'start_at', r.value->>'end_at', r.value->>'document_kind',
       r.value->>'document_number', r.value->>'document_hash', r.value->>'name',
       r.value->>'email', r.value->>'phone', r.value->>'privacy_notice',
       COALESCE((SELECT d.desks FROM desk_changes d
                  WHERE d.office_id = r.value->>'office_id' AND d.first_day <= r.value->>'slot_day'
                  ORDER BY d.first_day DESC LIMIT 1), r.value->>'desks'),
       r.value->>'hold', r.value->>'idempotency_key', r.value->>'requested_at', r.value->>'detail',
       r.value->>'address', r.value->>'day', r.value->>'most', r.value->>'language',
       r.value->>'data_key', r.value->>'actor', r.value->>'account', r.value->>'consent_by'
  FROM r
 WHERE NOT EXISTS (SELECT 1 FROM closures c
                    WHERE c.first_day <= r.value->>'slot_day' AND c.last_day >= r.value->>'slot_day'
                      AND (c.from_time IS NULL
                           OR (c.from_time < r.value->>'slot_to' AND c.to_time > r.value->>'slot_from'))
                      AND (c.every_office = 1
                           OR EXISTS (SELECT 1 FROM closure_offices o
                                       WHERE o.closure_id = c.id
                                         AND o.office_id = r.value->>'office_id')));

-- A request whose code is some appointment's already: written first, so that the code's UNIQUE
-- fails and rolls the whole batch back, and the appointments found by their codes below are
-- only this batch's. Its requests are then written on their own, with new codes.
INSERT OR ROLLBACK INTO appointments
       (code, office_id, service_id, start_at, end_at, document_kind, document_number,
        active_document, name, email, phone, from_hold, idempotency_key, status, consent_at,
        privacy_notice, created_at, updated_at, language, document_hash, data_key, consent_by)
SELECT r.code, r.office_id, r.service_id, r.start_at, r.end_at, r.document_kind, r.document_number,
       r.active_document, r.name, r.email, r.phone, r.hold, r.idempotency_key, 'booked',
       r.requested_at, r.privacy_notice, r.requested_at, r.requested_at, r.language,
       r.active_document, r.data_key, r.consent_by
  FROM requests r
 WHERE r.code IN (SELECT code FROM appointments);

-- Which requests get a seat: `seat` is the free seat each takes, NULL for a live hold that
-- becomes the seat. Another temporary table, emptied likewise.
CREATE TEMP TABLE IF NOT EXISTS placed (n INTEGER PRIMARY KEY, seat INTEGER);
WITH RECURSIVE
    -- The slots asked for without a hold, with their desks (the fewest, should requests read
    -- a change of desks at different moments) and their room: desks less the seats taken, which
    -- after desks were reduced may hold seats numbered above them.
    slots AS (SELECT office_id, start_at, MIN(desks) AS desks,
                     MIN(desks) - (SELECT COUNT(*) FROM seats live
                                    WHERE live.office_id = requests.office_id
                                      AND live.start_at = requests.start_at
                                      AND (live.expires_at IS NULL OR live.expires_at > $2)) AS room
                FROM requests WHERE hold IS NULL GROUP BY office_id, start_at),
    -- Their free seats, numbered from 1 (k) in seat order.
    candidate(seat) AS (SELECT 0 UNION ALL
                        SELECT seat + 1 FROM candidate WHERE seat + 1 < (SELECT MAX(desks) FROM slots)),
    free AS (SELECT slots.office_id, slots.start_at, slots.room, candidate.seat,
                    row_number() OVER (PARTITION BY slots.office_id, slots.start_at
                                       ORDER BY candidate.seat) AS k
               FROM slots JOIN candidate ON candidate.seat < slots.desks
              WHERE NOT EXISTS (SELECT 1 FROM seats taken
                                 WHERE taken.office_id = slots.office_id
                                   AND taken.start_at = slots.start_at
                                   AND taken.seat = candidate.seat
                                   AND (taken.expires_at IS NULL OR taken.expires_at > $2))),
    -- The first request of the batch for each document that holds no appointment, from a
    -- client address with bookings left today (its bookings so far and the batch's earlier
    -- requests from it, below its most; `most` NULL: no limit).
    eligible AS (SELECT * FROM requests
                  WHERE n = (SELECT MIN(same.n) FROM requests same
                              WHERE same.active_document = requests.active_document)
                    AND NOT EXISTS (SELECT 1 FROM appointments
                                     WHERE appointments.active_document = requests.active_document)
                    AND (most IS NULL
                         OR COALESCE((SELECT bookings FROM address_bookings counted
                                       WHERE counted.address = requests.address
                                         AND counted.day = requests.day), 0)
                            + (SELECT COUNT(*) FROM requests earlier
                                WHERE earlier.address = requests.address AND earlier.day = requests.day
                                  AND earlier.n < requests.n) < most)),
    -- The k-th request without a hold for a slot gets its k-th free seat, if the slot has room
    -- for k more.
    ranked AS (SELECT n, office_id, start_at,
                      row_number() OVER (PARTITION BY office_id, start_at ORDER BY n) AS k
                 FROM eligible WHERE hold IS NULL)
INSERT INTO temp.placed (n, seat)
SELECT ranked.n, free.seat FROM ranked
  JOIN free ON free.office_id = ranked.office_id AND free.start_at = ranked.start_at
           AND free.k = ranked.k AND free.k <= free.room
UNION ALL
SELECT eligible.n, NULL FROM eligible
 WHERE hold IS NOT NULL
   AND EXISTS (SELECT 1 FROM seats
                WHERE seats.hold_id = eligible.hold AND seats.expires_at > $2
                  AND seats.office_id = eligible.office_id AND seats.start_at = eligible.start_at);

INSERT INTO appointments
       (code, office_id, service_id, start_at, end_at, document_kind, document_number,
        active_document, name, email, phone, from_hold, idempotency_key, status, consent_at,
        privacy_notice, created_at, updated_at, language, document_hash, data_key, consent_by)
SELECT r.code, r.office_id, r.service_id, r.start_at, r.end_at, r.document_kind, r.document_number,
       r.active_document, r.name, r.email, r.phone, r.hold, r.idempotency_key, 'booked',
       r.requested_at, r.privacy_notice, r.requested_at, r.requested_at, r.language,
       r.active_document, r.data_key, r.consent_by
  FROM temp.placed p JOIN requests r ON r.n = p.n;

-- Their free seats; a seat with an expired hold is taken over in place.
INSERT INTO seats (office_id, start_at, seat, appointment_id)
SELECT r.office_id, r.start_at, p.seat, appointments.id
  FROM temp.placed p JOIN requests r ON r.n = p.n JOIN appointments ON appointments.code = r.code
 WHERE p.seat IS NOT NULL
ON CONFLICT (office_id, start_at, seat) DO UPDATE
   SET appointment_id = excluded.appointment_id, hold_id = NULL, hold_client = NULL,
       hold_address = NULL, expires_at = NULL, hold_extended = 0
 WHERE seats.expires_at <= $2;

-- Their holds: the hold's row becomes the seat, never free in between.
UPDATE seats
   SET appointment_id = appointments.id, hold_id = NULL, hold_client = NULL, hold_address = NULL,
       expires_at = NULL, hold_extended = 0
  FROM temp.placed p JOIN requests r ON r.n = p.n JOIN appointments ON appointments.code = r.code
 WHERE p.seat IS NULL
   AND seats.hold_id = r.hold AND seats.expires_at > $2
   AND seats.office_id = r.office_id AND seats.start_at = r.start_at;

-- An appointment left without a seat would mean that the statements above disagree: it is
-- deleted rather than committed.
DELETE FROM appointments
 WHERE code IN (SELECT code FROM requests)
   AND NOT EXISTS (SELECT 1 FROM seats WHERE seats.appointment_id = appointments.id);

-- Each client address's bookings of the day. The CHECK (bookings <= most) of the table refuses
-- a count past the limit, failing the batch, should the statements above disagree.
INSERT INTO address_bookings (address, day, bookings, most)
SELECT r.address, r.day, COUNT(*), MIN(r.most)
  FROM appointments JOIN requests r ON r.code = appointments.code
 WHERE r.most IS NOT NULL
 GROUP BY r.address, r.day
ON CONFLICT (address, day) DO UPDATE
   SET bookings = address_bookings.bookings + excluded.bookings, most = excluded.most;

-- Days before the batch's are over: their counts are forgotten.
DELETE FROM address_bookings WHERE day < (SELECT MIN(day) FROM requests);

INSERT INTO appointment_events (appointment_id, at, action, detail, actor, account_id)
SELECT appointments.id, appointments.created_at, 'booked', r.detail, r.actor, r.account
  FROM appointments JOIN requests r ON r.code = appointments.code;

SELECT id, code, office_id, service_id, start_at, end_at, document_kind, document_number,
       name, email, phone, status, created_at, updated_at
  FROM appointments
 WHERE code IN (SELECT code FROM requests);

DELETE FROM temp.placed;
DELETE FROM temp.requests;
COMMIT
