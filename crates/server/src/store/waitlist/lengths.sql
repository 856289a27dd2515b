-- The days (first, last) of the entries waiting at the office $1.
SELECT from_date, until_date FROM waitlist WHERE office_id = $1 AND state = 'waiting'
