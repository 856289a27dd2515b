-- Releases every hold of the browser $1 (it is about to hold another seat): the offices whose
-- seats were freed.
DELETE FROM seats WHERE hold_client = $1 RETURNING office_id
