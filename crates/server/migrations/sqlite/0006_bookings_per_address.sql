-- Bookings made from each client address on each day (in Bogotá), so that one address books
-- at most a configured number a day, on every instance (store::book). Days before today are
-- deleted as the next day's are counted.

CREATE TABLE address_bookings (
    address   TEXT    NOT NULL,
    day       TEXT    NOT NULL,
    bookings  INTEGER NOT NULL,
    PRIMARY KEY (address, day)
);

CREATE INDEX address_bookings_by_day ON address_bookings (day);
