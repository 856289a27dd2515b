-- The offices the account $1 acts on (an administrador's are every office, and none are listed).
SELECT office_id FROM staff_offices WHERE account_id = $1 ORDER BY office_id
