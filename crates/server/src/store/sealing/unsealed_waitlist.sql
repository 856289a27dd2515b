-- The waiting entries not sealed with the key $1, at most $2 of them (as unsealed.sql).
SELECT id, document_kind, document_number, name, email, NULL AS phone, data_key
  FROM waitlist
 WHERE state = 'waiting' AND (data_key IS NULL OR data_key <> $1)
 ORDER BY id
 LIMIT $2
