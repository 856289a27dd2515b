-- The offer whose hold is $1, if it is open and live at $2.
SELECT o.hold_id, o.office_id, o.start_at, o.expires_at, w.service_id
  FROM waitlist_offers o JOIN waitlist w ON w.id = o.entry_id
 WHERE o.hold_id = $1 AND o.state = 'open' AND o.expires_at > $2
