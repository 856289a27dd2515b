-- The same as migrations/sqlite/0008_address_bookings_limit.sql (read its comments).

ALTER TABLE address_bookings ADD COLUMN most BIGINT;
UPDATE address_bookings SET most = GREATEST(bookings, 10);
ALTER TABLE address_bookings ALTER COLUMN most SET NOT NULL;
ALTER TABLE address_bookings ADD CONSTRAINT address_bookings_within_most CHECK (bookings <= most);
