-- Frees the seat of the appointment $1 (cancelled, or moving to another time). In a
-- transaction, this statement sees a seat that a concurrent move committed while it waited.
DELETE FROM seats WHERE appointment_id = $1
