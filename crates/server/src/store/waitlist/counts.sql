-- Entries waiting, and offers open, now.
SELECT (SELECT COUNT(*) FROM waitlist WHERE state = 'waiting'),
       (SELECT COUNT(*) FROM waitlist_offers WHERE state = 'open')
