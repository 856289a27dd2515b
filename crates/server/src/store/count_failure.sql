-- Counts a wrong document for the appointment code $1 at $2 (now): one failure more in the
-- current window of $3 seconds, or the first of a new window once it is over; the failure that
-- brings the count to $4 locks the code for $3 seconds. One statement (an upsert on the code's
-- key), so failures counted at once, on any instance, all count.
INSERT INTO code_failures (code, since, failures, locked_until)
VALUES ($1, $2, 1, NULL)
ON CONFLICT (code) DO UPDATE
   SET since = CASE WHEN code_failures.since <= $2 - $3 THEN $2 ELSE code_failures.since END,
       failures = CASE WHEN code_failures.since <= $2 - $3 THEN 1 ELSE code_failures.failures + 1 END,
       locked_until = CASE WHEN code_failures.since > $2 - $3 AND code_failures.failures + 1 >= $4
                           THEN $2 + $3 ELSE code_failures.locked_until END
