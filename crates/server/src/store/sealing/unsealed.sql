-- The kept appointments not sealed with the key $1 (written before sealing, or under a key
-- being rotated out), at most $2 of them.
SELECT id, document_kind, document_number, name, email, phone, data_key
  FROM appointments
 WHERE erased_at IS NULL AND (data_key IS NULL OR data_key <> $1)
 ORDER BY id
 LIMIT $2
