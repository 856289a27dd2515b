-- Booking for a citizen (http/staff/assisted.rs): Contact Center agents, a third role, and the
-- account that recorded a consent given aloud.
--
-- SQLite cannot change a CHECK, and rebuilding the accounts' table would rewrite the references
-- of the sessions, offices and history to it (foreign keys cannot be switched off inside sqlx's
-- transaction). Adding a value to a CHECK changes nothing stored, so the table's definition is
-- edited in place, as SQLite's documentation of ALTER TABLE allows for CHECK constraints
-- ("Making Other Kinds Of Table Schema Changes"); RESET reloads it on this connection, and the
-- ALTER TABLE below changes the schema's version, so every other connection reloads it too.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, 'CHECK (role IN (''funcionario'', ''administrador''))',
                          'CHECK (role IN (''funcionario'', ''administrador'', ''contact_center''))')
 WHERE type = 'table' AND name = 'staff_accounts';
PRAGMA writable_schema = RESET;

-- Who recorded a consent given aloud (Ley 1581, art. 9: the authorization must be provable):
-- the account of the official or agent who read the notice; NULL when the citizen accepted it
-- on the web. `consent_at` is when, as for every appointment.
ALTER TABLE appointments ADD COLUMN consent_by INTEGER REFERENCES staff_accounts (id);
