-- What bears on the days $2 to $3 ("2026-12-01") of the office $1, or of every office when $1
-- is NULL, for planning them: one indexed read per request.
-- First the closures that overlap those days, one row per office each names (office NULL:
-- every office; desks NULL); then the desk changes (the other columns NULL): each office's
-- latest on or before $2, and every later one up to $3.
SELECT c.first_day, c.last_day, c.from_time, c.to_time, c.reason_es, c.reason_en, o.office_id,
       CAST(NULL AS BIGINT) AS desks
  FROM closures c LEFT JOIN closure_offices o ON o.closure_id = c.id
 WHERE c.last_day >= $2 AND c.first_day <= $3
   AND (c.every_office = 1 OR $1 IS NULL OR o.office_id = $1)
UNION ALL
SELECT d.first_day, NULL, NULL, NULL, NULL, NULL, d.office_id, d.desks
  FROM desk_changes d
 WHERE ($1 IS NULL OR d.office_id = $1) AND d.first_day <= $3
   AND d.first_day >= COALESCE((SELECT MAX(e.first_day) FROM desk_changes e
                                 WHERE e.office_id = d.office_id AND e.first_day <= $2), $2)
