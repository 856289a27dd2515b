INSERT INTO staff_offices (account_id, office_id) VALUES ($1, $2)
