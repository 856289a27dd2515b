-- The bookings the client address $1 has made on the day $2 ("2026-12-01", in Bogotá).
SELECT bookings FROM address_bookings WHERE address = $1 AND day = $2
