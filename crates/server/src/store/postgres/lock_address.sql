-- Takes the lock of the client address $1 until the transaction ends: the holds of one address
-- are placed one after the other, so two cannot both count the same room under its limit.
SELECT pg_advisory_xact_lock(hashtextextended($1, 0))
