-- The proofs of work already spent on a hold or a booking, by their signature, so that each
-- buys one, on every instance (http/proof_of_work.rs). Kept until their challenge expires:
-- after that they are refused as expired anyway, and are deleted as new ones are spent.

CREATE TABLE spent_proofs (
    signature   TEXT    NOT NULL PRIMARY KEY,
    expires_at  INTEGER NOT NULL
);

CREATE INDEX spent_proofs_by_expiry ON spent_proofs (expires_at);
