-- Staff join by invitation too: a manager adds a member of staff (an
-- account without a passphrase yet) and MySay emails them an invitation
-- that names that account instead of a child.
ALTER TABLE invitations ADD COLUMN account_id BIGINT REFERENCES accounts (id);
CREATE INDEX invitations_by_account ON invitations (account_id);

-- Where a child has an email address, their invitation can be emailed to
-- them (and, later, notices that something new is waiting).
ALTER TABLE children ADD COLUMN email TEXT;
