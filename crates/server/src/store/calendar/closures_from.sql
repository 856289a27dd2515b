-- The closures whose last day is $1 ("2026-12-01") or later, by first day: one row per office
-- each names (office NULL: every office).
SELECT c.id, c.first_day, c.last_day, c.from_time, c.to_time, c.reason_es, c.reason_en,
       c.created_at, o.office_id
  FROM closures c LEFT JOIN closure_offices o ON o.closure_id = c.id
 WHERE c.last_day >= $1
 ORDER BY c.first_day, c.id, o.office_id
