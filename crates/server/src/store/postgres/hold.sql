-- Holds the lowest free seat of a slot for a browser: $1 office, $2 start, $3 now, $4 the
-- office's desks, $5 the hold's id, $6 the browser, $7 when the hold expires, $8 the client
-- address. A seat is free with no row or only an expired hold, which is taken over in place.
-- Takes nothing when every seat is taken, and also when a concurrent statement took the seat
-- this one chose (each sees the seats as they were when it began): the caller tells the two
-- apart.
-- A slot with as many seats taken as its desks is full, even with a free number below them:
-- after its desks were reduced, seats numbered above them stay taken until they are freed.
INSERT INTO seats (office_id, start_at, seat, hold_id, hold_client, hold_address, expires_at)
SELECT $1, $2, free.seat, $5, $6, $8, $7
  FROM (WITH RECURSIVE candidate(seat) AS (SELECT 0 UNION ALL
                                           SELECT seat + 1 FROM candidate WHERE seat + 1 < $4)
        SELECT MIN(candidate.seat) AS seat FROM candidate
         WHERE NOT EXISTS (SELECT 1 FROM seats taken
                            WHERE taken.office_id = $1 AND taken.start_at = $2
                              AND taken.seat = candidate.seat
                              AND (taken.expires_at IS NULL OR taken.expires_at > $3))) AS free
 WHERE free.seat IS NOT NULL
   AND (SELECT COUNT(*) FROM seats live
         WHERE live.office_id = $1 AND live.start_at = $2
           AND (live.expires_at IS NULL OR live.expires_at > $3)) < $4
ON CONFLICT (office_id, start_at, seat) DO UPDATE
   SET appointment_id = NULL, hold_id = excluded.hold_id, hold_client = excluded.hold_client,
       hold_address = excluded.hold_address, expires_at = excluded.expires_at, hold_extended = 0
 WHERE seats.expires_at <= $3
RETURNING seat
