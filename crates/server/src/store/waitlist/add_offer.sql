-- Offers the entry $1 the seat of office $3 at $4, held as $2, until $5, made at $6. Its message
-- is queued by the table's trigger. One open offer per entry (a UNIQUE index).
INSERT INTO waitlist_offers (entry_id, hold_id, office_id, start_at, expires_at, created_at)
VALUES ($1, $2, $3, $4, $5, $6)
