-- The same as migrations/sqlite/0006_bookings_per_address.sql (read its comments).

CREATE TABLE address_bookings (
    address   TEXT    NOT NULL,
    day       TEXT    NOT NULL,
    bookings  BIGINT  NOT NULL,
    PRIMARY KEY (address, day)
);

CREATE INDEX address_bookings_by_day ON address_bookings (day);
