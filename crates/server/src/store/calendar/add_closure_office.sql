-- The closure $1 closes the office $2.
INSERT INTO closure_offices (closure_id, office_id) VALUES ($1, $2)
