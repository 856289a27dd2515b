-- The waiting entry of the document whose hash is $1, with everything it keeps.
SELECT code, office_id, service_id, from_date, until_date, part_of_day, name, email, language,
       consent_at, privacy_notice
  FROM waitlist
 WHERE waiting_document = $1
