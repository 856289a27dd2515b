-- A new account: $1 e-mail, $2 role, $3 argon2id hash, at $4. Refused by the unique e-mail when
-- it exists.
INSERT INTO staff_accounts (email, role, password_hash, created_at, updated_at)
VALUES ($1, $2, $3, $4, $4)
RETURNING id
