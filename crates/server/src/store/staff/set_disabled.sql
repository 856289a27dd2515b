-- Disables ($2 = 1) or enables ($2 = 0) the account with the e-mail $1 at $3. A disabled
-- account's sessions end at their next request (the session layer finds no account).
UPDATE staff_accounts SET disabled = $2, updated_at = $3 WHERE email = $1
