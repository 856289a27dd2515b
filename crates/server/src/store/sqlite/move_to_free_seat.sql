-- Moves the appointment $1, read as starting at $2, to the lowest free seat of the slot $3
-- (office) $4 (start) to $5 (end), at $6 (now); $7 is the office's desks, $9 the history's
-- detail, $12 who moves it (and $13 their account, when an official or agent does it for the
-- citizen). One transaction: the appointment moves only if it is still booked where it was read
-- and the new slot has a free seat; then its history says so, its old seat is freed and the new
-- one taken, and it is returned. Otherwise nothing changes and nothing is returned.
-- A slot with as many seats taken as its desks is full, even with a free number below them:
-- after its desks were reduced, seats numbered above them stay taken until they are freed.
BEGIN IMMEDIATE;

UPDATE appointments SET start_at = $4, end_at = $5, updated_at = $6
 WHERE id = $1 AND status = 'booked' AND start_at = $2
   AND EXISTS (WITH RECURSIVE candidate(seat) AS (SELECT 0 UNION ALL
                                                  SELECT seat + 1 FROM candidate WHERE seat + 1 < $7)
               SELECT 1 FROM candidate
                WHERE NOT EXISTS (SELECT 1 FROM seats taken
                                   WHERE taken.office_id = $3 AND taken.start_at = $4
                                     AND taken.seat = candidate.seat
                                     AND (taken.expires_at IS NULL OR taken.expires_at > $6)))
   AND (SELECT COUNT(*) FROM seats live
         WHERE live.office_id = $3 AND live.start_at = $4
           AND (live.expires_at IS NULL OR live.expires_at > $6)) < $7;

INSERT INTO appointment_events (appointment_id, at, action, detail, actor, account_id)
SELECT $1, $6, 'rescheduled', $9, $12, $13 WHERE changes() = 1;

-- The old seat, if the appointment moved: it returns to the others at $10 (fair release, as in
-- cancel.sql; $11 the id of the hold it is until then).
UPDATE seats
   SET appointment_id = NULL, hold_id = $11, hold_client = NULL, hold_address = NULL, expires_at = $10,
       hold_extended = 1
 WHERE appointment_id = $1 AND start_at <> (SELECT start_at FROM appointments WHERE id = $1);

-- The new seat, if the appointment moved (it is booked at the new start, with no seat).
INSERT INTO seats (office_id, start_at, seat, appointment_id)
SELECT $3, $4, free.seat, $1
  FROM (WITH RECURSIVE candidate(seat) AS (SELECT 0 UNION ALL
                                           SELECT seat + 1 FROM candidate WHERE seat + 1 < $7)
        SELECT MIN(candidate.seat) AS seat FROM candidate
         WHERE NOT EXISTS (SELECT 1 FROM seats taken
                            WHERE taken.office_id = $3 AND taken.start_at = $4
                              AND taken.seat = candidate.seat
                              AND (taken.expires_at IS NULL OR taken.expires_at > $6))) AS free
 WHERE free.seat IS NOT NULL
   AND (SELECT COUNT(*) FROM seats live
         WHERE live.office_id = $3 AND live.start_at = $4
           AND (live.expires_at IS NULL OR live.expires_at > $6)) < $7
   AND EXISTS (SELECT 1 FROM appointments moving
                WHERE moving.id = $1 AND moving.status = 'booked' AND moving.start_at = $4
                  AND NOT EXISTS (SELECT 1 FROM seats mine WHERE mine.appointment_id = $1))
ON CONFLICT (office_id, start_at, seat) DO UPDATE
   SET appointment_id = excluded.appointment_id, hold_id = NULL, hold_client = NULL,
       hold_address = NULL, expires_at = NULL, hold_extended = 0
 WHERE seats.expires_at <= $6;

-- A booked appointment left without a seat would mean that the statements above disagree: a
-- row that breaks the seats' NOT NULL rolls everything back rather than lose the citizen's seat.
INSERT OR ROLLBACK INTO seats (office_id, start_at, seat)
SELECT NULL, NULL, NULL
 WHERE EXISTS (SELECT 1 FROM appointments
                WHERE id = $1 AND status = 'booked'
                  AND NOT EXISTS (SELECT 1 FROM seats WHERE appointment_id = $1));

SELECT id, code, office_id, service_id, start_at, end_at, document_kind, document_number,
       name, email, phone, status, created_at, updated_at
  FROM appointments
 WHERE id = $1 AND start_at = $4 AND status = 'booked';

COMMIT
