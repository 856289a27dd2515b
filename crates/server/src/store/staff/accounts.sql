-- Every account, for `users list`.
SELECT id, email, role, password_hash, disabled, locked_until FROM staff_accounts ORDER BY email
