-- The same as migrations/sqlite/0010_office_calendar.sql (read its comments), in PostgreSQL's
-- words.

CREATE TABLE closures (
    id            BIGSERIAL PRIMARY KEY,
    first_day     TEXT    NOT NULL,
    last_day      TEXT    NOT NULL CHECK (last_day >= first_day),
    from_time     TEXT,
    to_time       TEXT    CHECK ((from_time IS NULL) = (to_time IS NULL) AND (to_time IS NULL OR to_time > from_time)),
    reason_es     TEXT    NOT NULL,
    reason_en     TEXT,
    every_office  BIGINT  NOT NULL CHECK (every_office IN (0, 1)),
    created_by    BIGINT  REFERENCES staff_accounts (id),
    created_at    BIGINT  NOT NULL
);

CREATE INDEX closures_by_last_day ON closures (last_day);

CREATE TABLE closure_offices (
    closure_id  BIGINT  NOT NULL REFERENCES closures (id) ON DELETE CASCADE,
    office_id   TEXT    NOT NULL,
    PRIMARY KEY (closure_id, office_id)
);

CREATE INDEX closure_offices_by_office ON closure_offices (office_id);

CREATE TABLE desk_changes (
    office_id   TEXT    NOT NULL,
    first_day   TEXT    NOT NULL,
    desks       BIGINT  NOT NULL CHECK (desks BETWEEN 1 AND 100),
    created_by  BIGINT  REFERENCES staff_accounts (id),
    created_at  BIGINT  NOT NULL,
    PRIMARY KEY (office_id, first_day)
);
