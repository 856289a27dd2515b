-- The start of the appointment that holds the document whose hash is $1, if one does.
SELECT start_at FROM appointments WHERE active_document = $1
