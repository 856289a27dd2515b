-- Personal data is kept only as long as its purpose needs (Ley 1581 de 2012; Decreto 1377 de
-- 2013, art. 11): when an appointment's name, document number, e-mail and phone were erased
-- (store/privacy.rs), on its holder's request or once kept long enough. NULL while kept.
ALTER TABLE appointments ADD COLUMN erased_at INTEGER;
