-- The open offer of the entry $1 that is live at $2.
SELECT o.hold_id, o.office_id, o.start_at, o.expires_at, w.service_id
  FROM waitlist_offers o JOIN waitlist w ON w.id = o.entry_id
 WHERE o.entry_id = $1 AND o.state = 'open' AND o.expires_at > $2
