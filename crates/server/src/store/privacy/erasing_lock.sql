-- PostgreSQL: one instance erases at a time. The lock is the transaction's (released at its
-- end); an instance that does not get it leaves this run to the one that has it.
SELECT pg_try_advisory_xact_lock(1581)
