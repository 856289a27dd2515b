-- Seals the waiting entry $1 as seal.sql does an appointment: document $2, name $3 and e-mail $4
-- under the key $6, found and held unique by the hash $5; nothing if it changed since read under
-- the key $7.
UPDATE waitlist
   SET document_number = $2, name = $3, email = $4, document_hash = $5, waiting_document = $5, data_key = $6
 WHERE id = $1 AND state = 'waiting' AND data_key IS NOT DISTINCT FROM $7
