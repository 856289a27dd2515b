-- A new closure: $1 first day, $2 last day ("2026-12-24"), $3 and $4 its hours ("12:00", or
-- NULL for whole days), $5 the reason in Spanish, $6 in English (or NULL), $7 1 for every
-- office, $8 the administrator's account (or NULL), $9 now. Its id.
INSERT INTO closures
       (first_day, last_day, from_time, to_time, reason_es, reason_en, every_office, created_by, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
RETURNING id
