-- The account $1, for each request of a signed-in session.
SELECT id, email, role, password_hash, disabled, locked_until FROM staff_accounts WHERE id = $1
