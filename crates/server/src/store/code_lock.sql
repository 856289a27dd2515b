-- When the lock on the appointment code $1 ends, if it is locked at $2 (now).
SELECT locked_until FROM code_failures WHERE code = $1 AND locked_until > $2
