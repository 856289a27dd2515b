-- The first day after $2 ("2026-12-14") on which the office $1's desks change, if any.
SELECT MIN(first_day) FROM desk_changes WHERE office_id = $1 AND first_day > $2
