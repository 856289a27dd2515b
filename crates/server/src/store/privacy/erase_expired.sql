-- Erases at $1 the personal fields of the appointments kept long enough: booked ones that
-- ended before $2, cancelled ones cancelled before $3. A booked appointment that has not ended
-- is never touched. Returns the appointments erased.
UPDATE appointments
   SET name = '', document_number = '', email = NULL, phone = NULL, active_document = NULL,
       document_hash = NULL, erased_at = $1
 WHERE erased_at IS NULL
   AND ((status = 'booked' AND end_at < $2) OR (status = 'cancelled' AND updated_at < $3))
RETURNING id
