-- The place in its office's line of the waiting entry $1: entries that joined before it, plus one.
SELECT COUNT(*)
  FROM waitlist w, waitlist me
 WHERE me.id = $1 AND w.office_id = me.office_id AND w.state = 'waiting'
   AND (w.created_at < me.created_at OR (w.created_at = me.created_at AND w.id <= me.id))
