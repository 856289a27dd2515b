-- The same as migrations/sqlite/0015_assisted.sql (read its comments), in PostgreSQL's words.
ALTER TABLE staff_accounts DROP CONSTRAINT staff_accounts_role_check;
ALTER TABLE staff_accounts ADD CONSTRAINT staff_accounts_role_check
    CHECK (role IN ('funcionario', 'administrador', 'contact_center'));

ALTER TABLE appointments ADD COLUMN consent_by BIGINT REFERENCES staff_accounts (id);
