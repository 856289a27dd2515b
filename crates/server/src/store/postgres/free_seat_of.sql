-- Frees the seat of the appointment $1 (cancelled, or moving to another time) for the others
-- from $2 on (fair release): until then the row stays, as a hold whose id ($3) nobody has, so
-- that every statement counts the seat as taken and takes it over in place once it expires.
-- With $2 now, the seat is free at once. In a transaction, this statement sees a seat that a
-- concurrent move committed while it waited.
UPDATE seats
   SET appointment_id = NULL, hold_id = $3, hold_client = NULL, hold_address = NULL, expires_at = $2,
       hold_extended = 1
 WHERE appointment_id = $1
