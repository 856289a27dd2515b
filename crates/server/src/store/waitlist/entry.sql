-- The waiting entry with the code $1, if the document of kind $2 and hash $3 made it.
SELECT id, code, office_id, service_id, from_date, until_date, part_of_day, document_kind,
       document_number, email, created_at
  FROM waitlist
 WHERE code = $1 AND document_kind = $2 AND waiting_document = $3 AND state = 'waiting'
