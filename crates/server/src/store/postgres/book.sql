-- Books a batch of requests in one statement, atomic without a transaction around it. $1: the
-- requests, a JSON array (store/queue.rs) whose order is their turn; $2: the batch's clock, its
-- latest request, one instant for every comparison with a hold's expiry so that no seat is a
-- live hold for one request and free for another. Returns the appointments written.
--
-- Each request, in its turn, gets its live hold for its slot, or the lowest seat of its slot
-- that has no row or only an expired hold (taken over in place). A request is not booked when
-- a closure removes its slot, its document holds an appointment, an earlier request of the batch has the same document,
-- its hold is gone or for another slot, its slot has no seat left, or its client address has
-- made its most bookings of the day (counting the batch's earlier requests from it); it is then
-- answered on its own (Store::book).
--
-- Each appointment's id is drawn first; its seat is taken, and only an appointment whose seat
-- was taken is written, so that nothing is written that a missing seat would have to undo. A
-- seat that a concurrent statement took meanwhile (each sees the seats as they were when it
-- began) is left to that statement, and its request is answered on its own. A code or document
-- already taken fails the whole statement, and its requests are written on their own; so does a
-- client address whose count of the day a concurrent statement raised meanwhile past its limit
-- (the CHECK of address_bookings).
WITH RECURSIVE
    -- Each slot as the office's calendar has it now (migrations/*_office_calendar.sql): its
    -- desks that day, the latest change on or before it or else the configured ones; and no
    -- request for a slot that a closure removes (its day, or hours that overlap it): that one is
    -- answered on its own, with the closure's reason. Read here, in the batch, so that a booking
    -- costs no read of its own. The array is read as jsonb, parsed once, so that each of a
    -- request's fields is looked up rather than found by scanning its text again.
    requests AS MATERIALIZED (
        SELECT r.position AS n,
               r.value->>'code' AS code, r.value->>'office_id' AS office_id,
               r.value->>'service_id' AS service_id,
               CAST(r.value->>'start_at' AS BIGINT) AS start_at,
               CAST(r.value->>'end_at' AS BIGINT) AS end_at,
               r.value->>'document_kind' AS document_kind,
               r.value->>'document_number' AS document_number,
               r.value->>'document_hash' AS active_document,
               r.value->>'name' AS name, r.value->>'email' AS email, r.value->>'phone' AS phone,
               r.value->>'privacy_notice' AS privacy_notice,
               COALESCE((SELECT d.desks FROM desk_changes d
                          WHERE d.office_id = r.value->>'office_id'
                            AND d.first_day <= r.value->>'slot_day'
                          ORDER BY d.first_day DESC LIMIT 1),
                        CAST(r.value->>'desks' AS BIGINT)) AS desks,
               r.value->>'hold' AS hold, r.value->>'idempotency_key' AS idempotency_key,
               CAST(r.value->>'requested_at' AS BIGINT) AS requested_at,
               r.value->>'detail' AS detail,
               r.value->>'address' AS address, r.value->>'day' AS day,
               CAST(r.value->>'most' AS BIGINT) AS most, r.value->>'language' AS language,
               CAST(r.value->>'data_key' AS BIGINT) AS data_key, r.value->>'actor' AS actor,
               CAST(r.value->>'account' AS BIGINT) AS account,
               CAST(r.value->>'consent_by' AS BIGINT) AS consent_by
          FROM jsonb_array_elements(CAST($1 AS jsonb)) WITH ORDINALITY AS r(value, position)
         WHERE NOT EXISTS (SELECT 1 FROM closures c
                            WHERE c.first_day <= r.value->>'slot_day'
                              AND c.last_day >= r.value->>'slot_day'
                              AND (c.from_time IS NULL
                                   OR (c.from_time < r.value->>'slot_to'
                                       AND c.to_time > r.value->>'slot_from'))
                              AND (c.every_office = 1
                                   OR EXISTS (SELECT 1 FROM closure_offices o
                                               WHERE o.closure_id = c.id
                                                 AND o.office_id = r.value->>'office_id')))),
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
    -- for k more; one with a live hold for its slot gets that seat (seat NULL).
    ranked AS (SELECT n, office_id, start_at,
                      row_number() OVER (PARTITION BY office_id, start_at ORDER BY n) AS k
                 FROM eligible WHERE hold IS NULL),
    placed AS (SELECT ranked.n, free.seat FROM ranked
                 JOIN free ON free.office_id = ranked.office_id AND free.start_at = ranked.start_at
                          AND free.k = ranked.k AND free.k <= free.room
               UNION ALL
               SELECT eligible.n, NULL FROM eligible
                WHERE hold IS NOT NULL
                  AND EXISTS (SELECT 1 FROM seats
                               WHERE seats.hold_id = eligible.hold AND seats.expires_at > $2
                                 AND seats.office_id = eligible.office_id
                                 AND seats.start_at = eligible.start_at)),
    -- The sequence is named as PostgreSQL names a BIGSERIAL's.
    chosen AS (SELECT placed.n, placed.seat, nextval('appointments_id_seq') AS id FROM placed),
    -- Free seats are taken in key order: two statements taking the same seats wait for each
    -- other in the same order rather than deadlock.
    taken AS (INSERT INTO seats (office_id, start_at, seat, appointment_id)
              SELECT r.office_id, r.start_at, chosen.seat, chosen.id
                FROM chosen JOIN requests r ON r.n = chosen.n
               WHERE chosen.seat IS NOT NULL
               ORDER BY r.office_id, r.start_at, chosen.seat
              ON CONFLICT (office_id, start_at, seat) DO UPDATE
                 SET appointment_id = excluded.appointment_id, hold_id = NULL, hold_client = NULL,
                     hold_address = NULL, expires_at = NULL, hold_extended = 0
               WHERE seats.expires_at <= $2
              RETURNING seats.appointment_id AS id),
    -- A hold's row becomes the seat, never free in between.
    converted AS (UPDATE seats
                     SET appointment_id = chosen.id, hold_id = NULL, hold_client = NULL,
                         hold_address = NULL, expires_at = NULL, hold_extended = 0
                    FROM chosen JOIN requests r ON r.n = chosen.n
                   WHERE chosen.seat IS NULL
                     AND seats.hold_id = r.hold AND seats.expires_at > $2
                     AND seats.office_id = r.office_id AND seats.start_at = r.start_at
                  RETURNING seats.appointment_id AS id),
    appointment AS (
        INSERT INTO appointments
               (id, code, office_id, service_id, start_at, end_at, document_kind, document_number,
                active_document, name, email, phone, from_hold, idempotency_key, status, consent_at,
                privacy_notice, created_at, updated_at, language, document_hash, data_key, consent_by)
        SELECT chosen.id, r.code, r.office_id, r.service_id, r.start_at, r.end_at, r.document_kind,
               r.document_number, r.active_document, r.name, r.email, r.phone, r.hold, r.idempotency_key,
               'booked',
               r.requested_at, r.privacy_notice, r.requested_at, r.requested_at, r.language,
               r.active_document, r.data_key, r.consent_by
          FROM chosen JOIN requests r ON r.n = chosen.n
         WHERE chosen.id IN (SELECT id FROM taken UNION ALL SELECT id FROM converted)
        RETURNING id, code, office_id, service_id, start_at, end_at, document_kind, document_number,
                  name, email, phone, status, created_at, updated_at),
    event AS (INSERT INTO appointment_events (appointment_id, at, action, detail, actor, account_id)
              SELECT appointment.id, appointment.created_at, 'booked', r.detail, r.actor, r.account
                FROM appointment JOIN requests r ON r.code = appointment.code),
    -- Each client address's bookings of the day; the CHECK (bookings <= most) fails the
    -- statement if a concurrent one counted the same address past its limit meanwhile.
    tallied AS (INSERT INTO address_bookings (address, day, bookings, most)
                SELECT r.address, r.day, COUNT(*), MIN(r.most)
                  FROM appointment JOIN requests r ON r.code = appointment.code
                 WHERE r.most IS NOT NULL
                 GROUP BY r.address, r.day
                ON CONFLICT (address, day) DO UPDATE
                   SET bookings = address_bookings.bookings + excluded.bookings, most = excluded.most),
    -- Days before the batch's are over: their counts are forgotten.
    forgotten AS (DELETE FROM address_bookings WHERE day < (SELECT MIN(day) FROM requests))
SELECT id, code, office_id, service_id, start_at, end_at, document_kind, document_number,
       name, email, phone, status, created_at, updated_at
  FROM appointment
