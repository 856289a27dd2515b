-- The offer whose hold is $1, if the hold is an offer's: its state, until when it is held, and
-- the hash of the document of its entry while the entry waits.
SELECT o.state, o.expires_at, w.waiting_document
  FROM waitlist_offers o JOIN waitlist w ON w.id = o.entry_id
 WHERE o.hold_id = $1
