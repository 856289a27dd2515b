-- Moves the appointment $1, read as starting at $2, into the citizen's hold $8 for the slot $3
-- (office) $4 (start) to $5 (end), at $6 (now); $9 is the history's detail, by $12 (the account $13,
-- when an official or agent moves it for the citizen). One transaction:
-- the appointment moves only if it is still booked where it was read and the hold is live for
-- that slot; then its history says so, its old seat is freed and the hold's row becomes its
-- seat (never free in between), and it is returned. Otherwise nothing changes and nothing is
-- returned.
BEGIN IMMEDIATE;

UPDATE appointments SET start_at = $4, end_at = $5, updated_at = $6
 WHERE id = $1 AND status = 'booked' AND start_at = $2
   AND EXISTS (SELECT 1 FROM seats
                WHERE hold_id = $8 AND expires_at > $6 AND office_id = $3 AND start_at = $4);

INSERT INTO appointment_events (appointment_id, at, action, detail, actor, account_id)
SELECT $1, $6, 'rescheduled', $9, $12, $13 WHERE changes() = 1;

-- The old seat, if the appointment moved: it returns to the others at $10 (fair release, as in
-- cancel.sql; $11 the id of the hold it is until then).
UPDATE seats
   SET appointment_id = NULL, hold_id = $11, hold_client = NULL, hold_address = NULL, expires_at = $10,
       hold_extended = 1
 WHERE appointment_id = $1 AND start_at <> (SELECT start_at FROM appointments WHERE id = $1);

-- The hold becomes the seat, if the appointment moved (it is booked at the new start, with no
-- seat).
UPDATE seats
   SET appointment_id = $1, hold_id = NULL, hold_client = NULL, hold_address = NULL,
       expires_at = NULL, hold_extended = 0
 WHERE hold_id = $8 AND expires_at > $6 AND office_id = $3 AND start_at = $4
   AND EXISTS (SELECT 1 FROM appointments moving
                WHERE moving.id = $1 AND moving.status = 'booked' AND moving.start_at = $4
                  AND NOT EXISTS (SELECT 1 FROM seats mine WHERE mine.appointment_id = $1));

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
