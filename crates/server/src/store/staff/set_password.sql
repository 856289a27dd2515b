-- A new password hash $2 for the account with the e-mail $1 at $3; its sessions end (their hash
-- no longer matches) and any lock is lifted.
UPDATE staff_accounts
   SET password_hash = $2, failures = 0, failures_since = NULL, locked_until = NULL, updated_at = $3
 WHERE email = $1
