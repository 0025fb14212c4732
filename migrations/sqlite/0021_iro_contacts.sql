-- The IRO's contacts with a child between reviews (a visit, a call, a
-- message, a midway review), which the annual report counts: children
-- seen before their review, midway reviews held, and children with an
-- IRO contact in the last six months. A line of staff's words at most.
CREATE TABLE iro_contacts (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES children(id),
    contact_on TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('visit', 'call', 'message', 'midway')),
    note TEXT,
    recorded_by INTEGER NOT NULL REFERENCES accounts(id),
    recorded_at INTEGER NOT NULL
);
CREATE INDEX iro_contacts_child ON iro_contacts (child_id, contact_on);
