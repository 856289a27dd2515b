-- What a message about the entry $1 says: the entry (its personal data empty once erased) and,
-- for an offer, the offer $2.
SELECT w.code, w.office_id, w.service_id, w.from_date, w.until_date, w.part_of_day, w.document_kind,
       COALESCE(w.document_number, '') AS document_number, COALESCE(w.name, '') AS name, w.email,
       w.language, w.state, o.hold_id, o.start_at, o.expires_at, o.state AS offer_state
  FROM waitlist w LEFT JOIN waitlist_offers o ON o.id = $2 AND o.entry_id = w.id
 WHERE w.id = $1
