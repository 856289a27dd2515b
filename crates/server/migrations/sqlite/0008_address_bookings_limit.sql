-- Each client address's count of the day now carries the limit it was counted under, and the
-- table refuses a count past it: the statement that writes a batch of bookings counts them
-- (store/sqlite/book.sql), and a batch that a concurrent one pushed past the limit fails
-- rather than pass it. SQLite adds a CHECK only to a new table; the counts kept so far keep
-- the default limit (10), or their own count if higher.

CREATE TABLE address_bookings_limited (
    address   TEXT    NOT NULL,
    day       TEXT    NOT NULL,
    bookings  INTEGER NOT NULL,
    most      INTEGER NOT NULL,
    PRIMARY KEY (address, day),
    CONSTRAINT address_bookings_within_most CHECK (bookings <= most)
);

INSERT INTO address_bookings_limited (address, day, bookings, most)
    SELECT address, day, bookings, MAX(bookings, 10) FROM address_bookings;
DROP TABLE address_bookings;
ALTER TABLE address_bookings_limited RENAME TO address_bookings;

CREATE INDEX address_bookings_by_day ON address_bookings (day);
