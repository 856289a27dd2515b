-- The entry of the document whose hash is $1 leaves the list at $2, its personal data erased
-- (its holder asked to erase everything kept about the document).
UPDATE waitlist
   SET state = 'left', ended_at = $2, waiting_document = NULL, document_number = NULL,
       document_hash = NULL, name = NULL, email = NULL
 WHERE waiting_document = $1
