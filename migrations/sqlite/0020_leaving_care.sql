-- What the annual report's figures need of a child's record: the day they
-- ceased to be looked after (empty while they are), and their reference in
-- the council's case-management system (optional, to reconcile MySay's
-- figures with the SSDA903 return). Both entered by a manager.
ALTER TABLE children ADD COLUMN ceased_on TEXT;
ALTER TABLE children ADD COLUMN case_reference TEXT;
