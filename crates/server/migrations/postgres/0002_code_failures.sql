-- The same as migrations/sqlite/0003_code_failures.sql (read its comments).

CREATE TABLE code_failures (
    code          TEXT    PRIMARY KEY,
    since         BIGINT  NOT NULL,
    failures      BIGINT  NOT NULL,
    locked_until  BIGINT
);

CREATE INDEX code_failures_by_since ON code_failures (since);
