-- Releases the hold $1 (its seat is free at once); its office, if it was there.
DELETE FROM seats WHERE hold_id = $1 RETURNING office_id
