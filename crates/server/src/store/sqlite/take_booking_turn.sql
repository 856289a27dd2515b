-- Counts one booking more for the client address $1 on the day $2 ("2026-12-01", in Bogotá),
-- unless it has made $3 already: its count then, or nothing. One transaction, which also
-- forgets the days before $2. A single upsert on the (address, day) key decides, so bookings
-- counted at once never pass the limit together.
BEGIN IMMEDIATE;

DELETE FROM address_bookings WHERE day < $2;

INSERT INTO address_bookings (address, day, bookings) VALUES ($1, $2, 1)
ON CONFLICT (address, day) DO UPDATE SET bookings = address_bookings.bookings + 1
 WHERE address_bookings.bookings < $3
RETURNING bookings;

COMMIT
