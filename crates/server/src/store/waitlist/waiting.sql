-- The entries waiting with no open offer, first in line first.
SELECT w.id, w.office_id, w.from_date, w.until_date, w.part_of_day
  FROM waitlist w
 WHERE w.state = 'waiting'
   AND NOT EXISTS (SELECT 1 FROM waitlist_offers o WHERE o.entry_id = w.id AND o.state = 'open')
 ORDER BY w.created_at, w.id
