-- An appointment that has started (before $2) no longer holds its document $1: the citizen may
-- book again.
UPDATE appointments SET active_document = NULL WHERE active_document = $1 AND start_at <= $2
