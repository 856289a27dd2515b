-- Gives the appointment $5 the lowest free seat of the slot $1 (office) $2 (start) at $3 (now);
-- $4 is the office's desks. As hold.sql: nothing when every seat is taken or a concurrent
-- statement took the chosen seat.
-- A slot with as many seats taken as its desks is full, even with a free number below them:
-- after its desks were reduced, seats numbered above them stay taken until they are freed.
INSERT INTO seats (office_id, start_at, seat, appointment_id)
SELECT $1, $2, free.seat, $5
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
   SET appointment_id = excluded.appointment_id, hold_id = NULL, hold_client = NULL,
       hold_address = NULL, expires_at = NULL, hold_extended = 0
 WHERE seats.expires_at <= $3
RETURNING seat
