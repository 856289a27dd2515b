-- The same as migrations/sqlite/0007_spent_proofs.sql (read its comments).

CREATE TABLE spent_proofs (
    signature   TEXT    NOT NULL PRIMARY KEY,
    expires_at  BIGINT  NOT NULL
);

CREATE INDEX spent_proofs_by_expiry ON spent_proofs (expires_at);
