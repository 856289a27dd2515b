-- The appointment that the same booking request made earlier: booked through the hold $1 or
-- with the idempotency key $2 (a NULL matches nothing), by the document $3 (kind) with the hash $4.
SELECT id, code, office_id, service_id, start_at, end_at, document_kind, document_number,
       name, email, phone, status, created_at, updated_at
  FROM appointments
 WHERE (from_hold = $1 OR idempotency_key = $2) AND document_kind = $3 AND document_hash = $4
 ORDER BY id
 LIMIT 1
