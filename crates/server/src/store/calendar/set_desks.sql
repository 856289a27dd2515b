-- The office $1 attends with $3 desks from the day $2 ("2026-12-14") on; a change for the same
-- office and day replaces it. $4 the administrator's account (or NULL), $5 now.
INSERT INTO desk_changes (office_id, first_day, desks, created_by, created_at)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (office_id, first_day) DO UPDATE
   SET desks = excluded.desks, created_by = excluded.created_by, created_at = excluded.created_at
