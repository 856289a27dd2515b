-- The account with the e-mail $1 (lower case), for signing in.
SELECT id, email, role, password_hash, disabled, locked_until FROM staff_accounts WHERE email = $1
