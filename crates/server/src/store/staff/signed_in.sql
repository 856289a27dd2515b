-- The account $1 signed in: its failures are forgotten.
UPDATE staff_accounts SET failures = 0, failures_since = NULL, locked_until = NULL WHERE id = $1
