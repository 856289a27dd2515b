-- The seats (office, start) offered before to the entries waiting now.
SELECT o.entry_id, o.office_id, o.start_at
  FROM waitlist_offers o JOIN waitlist w ON w.id = o.entry_id
 WHERE w.state = 'waiting'
