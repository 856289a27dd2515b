-- The closure $1, one row per office it names (office NULL: every office).
SELECT c.id, c.first_day, c.last_day, c.from_time, c.to_time, c.reason_es, c.reason_en,
       c.created_at, o.office_id
  FROM closures c LEFT JOIN closure_offices o ON o.closure_id = c.id
 WHERE c.id = $1
 ORDER BY o.office_id
