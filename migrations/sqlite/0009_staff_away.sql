-- A member of staff away from work (leave, sickness): the last day they
-- are away, YYYY-MM-DD, inclusive. Until then, urgent alerts about their
-- children also go to the managers.
ALTER TABLE accounts ADD COLUMN away_until TEXT;
