-- Forgets the failures of codes whose window began before $1 and that are not locked at $2
-- (now): they no longer count.
DELETE FROM code_failures WHERE since < $1 AND (locked_until IS NULL OR locked_until <= $2)
