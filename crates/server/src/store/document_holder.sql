-- The start of the appointment that holds document $1 ("CC:123…"), if one does.
SELECT start_at FROM appointments WHERE active_document = $1
