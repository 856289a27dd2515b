-- Open offers not taken by $1 (now) have expired.
UPDATE waitlist_offers SET state = 'expired', ended_at = $1
 WHERE state = 'open' AND expires_at <= $1
