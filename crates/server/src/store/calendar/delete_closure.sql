-- Deletes the closure $1 (its offices go with it): the days it closed open again.
DELETE FROM closures WHERE id = $1
