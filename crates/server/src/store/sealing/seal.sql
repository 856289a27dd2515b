-- Seals the appointment $1, still as it was read (under the key $8, NULL for plain), with the
-- document $2, name $3, e-mail $4 and phone $5 sealed under the key $7, and $6 as the hash its
-- document is found by (and held by, if it is upcoming). Another instance sealing it first
-- leaves nothing to do.
UPDATE appointments
   SET document_number = $2, name = $3, email = $4, phone = $5, document_hash = $6,
       active_document = CASE WHEN active_document IS NULL THEN NULL ELSE $6 END, data_key = $7
 WHERE id = $1 AND data_key IS NOT DISTINCT FROM $8
