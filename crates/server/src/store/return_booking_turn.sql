-- Gives back the booking counted for the client address $1 on the day $2: the request booked
-- nothing (refused, or the same booking sent again).
UPDATE address_bookings SET bookings = bookings - 1 WHERE address = $1 AND day = $2 AND bookings > 0
