-- Bookings made from each client address on each day (in Bogotá), so that one address books
-- at most a configured number a day (`most`, the limit when last counted), on every instance.
-- The batch that books counts them (store/{sqlite,postgres}/book.sql), and the CHECK refuses a
-- count past the limit: bookings racing from one address cannot pass it together. Days before
-- today are deleted as the next day's are counted.

CREATE TABLE address_bookings (
    address   TEXT    NOT NULL,
    day       TEXT    NOT NULL,
    bookings  INTEGER NOT NULL,
    most      INTEGER NOT NULL,
    PRIMARY KEY (address, day),
    CONSTRAINT address_bookings_within_most CHECK (bookings <= most)
);

CREATE INDEX address_bookings_by_day ON address_bookings (day);
