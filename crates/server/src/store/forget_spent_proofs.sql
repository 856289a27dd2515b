-- Forgets the spent proofs whose challenges expired by $1 (now): they are refused anyway.
DELETE FROM spent_proofs WHERE expires_at <= $1
