-- Cancels the appointment $1 at $2 if it is booked, with the office's reason $3 (NULL when the
-- citizen cancels): it no longer holds its document. First in
-- its transaction: it locks the row until commit, so a move meanwhile finishes before, or
-- waits and then finds it cancelled.
UPDATE appointments SET status = 'cancelled', active_document = NULL, updated_at = $2, cancel_reason = $3
 WHERE id = $1 AND status = 'booked'
