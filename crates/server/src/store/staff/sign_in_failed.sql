-- One failed sign-in more for the account $1 at $2. Failures count within a window of $3
-- seconds from the first; the $4-th locks the account for $3 seconds from now. Every
-- expression reads the row as it was before this update.
UPDATE staff_accounts
   SET failures = CASE WHEN failures_since IS NULL OR failures_since <= $2 - $3 THEN 1 ELSE failures + 1 END,
       failures_since = CASE WHEN failures_since IS NULL OR failures_since <= $2 - $3 THEN $2 ELSE failures_since END,
       locked_until = CASE
           WHEN (CASE WHEN failures_since IS NULL OR failures_since <= $2 - $3 THEN 1 ELSE failures + 1 END) >= $4
           THEN $2 + $3
           ELSE locked_until
       END
 WHERE id = $1
