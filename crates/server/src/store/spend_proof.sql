-- Spends the proof of work with signature $1, whose challenge expires at $2: one row, or none
-- when it was spent before (by any instance). One statement on the signature's key.
INSERT INTO spent_proofs (signature, expires_at) VALUES ($1, $2)
ON CONFLICT (signature) DO NOTHING
