-- Holds the lowest free seat of a slot for a browser, in one transaction, releasing the
-- browser's other holds first (so that choosing its own held seat again works). The browser's
-- holds are released only if the slot has a seat free once they are: a full slot leaves them as
-- they were. A seat is free with no row or only an expired hold, which is taken over in place.
-- A client address keeps at most $9 live holds (other browsers' at that address count; this
-- browser's are released first): over that, nothing changes either.
-- $1 office, $2 start, $3 now, $4 the office's desks, $5 the hold's id, $6 the browser, $7 when
-- the hold expires, $8 the client address, $9 the most live holds it may keep.
-- Rows: (office, NULL) for each hold released, then (NULL, seat) for the seat held, if any.
-- A slot with as many seats taken as its desks is full, even with a free number below them:
-- after its desks were reduced, seats numbered above them stay taken until they are freed.
BEGIN IMMEDIATE;

DELETE FROM seats
 WHERE hold_client = $6
   AND (WITH RECURSIVE candidate(seat) AS (SELECT 0 UNION ALL
                                           SELECT seat + 1 FROM candidate WHERE seat + 1 < $4)
        SELECT MIN(candidate.seat) FROM candidate
         WHERE NOT EXISTS (SELECT 1 FROM seats taken
                            WHERE taken.office_id = $1 AND taken.start_at = $2
                              AND taken.seat = candidate.seat
                              AND (taken.expires_at IS NULL OR taken.expires_at > $3)
                              AND (taken.hold_client IS NULL OR taken.hold_client IS NOT $6))) IS NOT NULL
   AND (SELECT COUNT(*) FROM seats live
         WHERE live.office_id = $1 AND live.start_at = $2
           AND (live.expires_at IS NULL OR live.expires_at > $3)
           AND (live.hold_client IS NULL OR live.hold_client IS NOT $6)) < $4
   AND (SELECT COUNT(*) FROM seats other
         WHERE other.hold_address = $8 AND other.expires_at > $3 AND other.hold_client IS NOT $6) < $9
RETURNING office_id, NULL;

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
   AND (SELECT COUNT(*) FROM seats other WHERE other.hold_address = $8 AND other.expires_at > $3) < $9
   AND (SELECT COUNT(*) FROM seats live
         WHERE live.office_id = $1 AND live.start_at = $2
           AND (live.expires_at IS NULL OR live.expires_at > $3)) < $4
ON CONFLICT (office_id, start_at, seat) DO UPDATE
   SET appointment_id = NULL, hold_id = excluded.hold_id, hold_client = excluded.hold_client,
       hold_address = excluded.hold_address, expires_at = excluded.expires_at, hold_extended = 0
 WHERE seats.expires_at <= $3
RETURNING NULL, seat;

COMMIT
