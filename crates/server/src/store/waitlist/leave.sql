-- The entry $1 leaves the list at $2, its personal data erased; its open offer is withdrawn by
-- the table's trigger (the next round of offers passes the seat on). Nothing changes if it no
-- longer waits.
UPDATE waitlist
   SET state = 'left', ended_at = $2, waiting_document = NULL, document_number = NULL,
       document_hash = NULL, name = NULL, email = NULL
 WHERE id = $1 AND state = 'waiting'
