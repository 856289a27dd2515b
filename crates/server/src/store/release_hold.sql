-- Releases the browser's hold $1 (its seat is free at once); its office, if it was there. A seat
-- held by no browser (in fair release, or offered to the waiting list) is not released by its id.
DELETE FROM seats WHERE hold_id = $1 AND hold_client IS NOT NULL RETURNING office_id
