-- A child's requests for an independent advocate, and what the advocacy
-- service does with them. Kept, never deleted by the system: the figures
-- for the annual report are counted from them.
CREATE TABLE advocacy_requests (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES children (id),
    -- The provider's categories, separated by commas.
    categories TEXT NOT NULL,
    something_else TEXT NOT NULL DEFAULT '',
    contact_method TEXT NOT NULL CHECK (contact_method IN ('phone', 'text', 'email', 'carer', 'iro')),
    -- The number or address, where the method needs one.
    contact_detail TEXT NOT NULL DEFAULT '',
    good_times TEXT NOT NULL DEFAULT '',
    -- Empty when no interpreter is wanted.
    interpreter_language TEXT NOT NULL DEFAULT '',
    other_help TEXT NOT NULL DEFAULT '',
    urgent INTEGER NOT NULL CHECK (urgent IN (0, 1)),
    stage TEXT NOT NULL CHECK (stage IN ('sent', 'accepted', 'allocated', 'closed')),
    sent_at INTEGER NOT NULL,
    accepted_at INTEGER,
    advocate_name TEXT,
    allocated_at INTEGER,
    closed_at INTEGER,
    outcome TEXT CHECK (outcome IN ('resolved', 'partly-resolved', 'not-resolved', 'withdrew', 'no-contact')),
    outcome_message TEXT,
    -- The child as they were when they asked, for the figures.
    age_band TEXT NOT NULL,
    ethnicity_group TEXT NOT NULL,
    disability INTEGER NOT NULL CHECK (disability IN (0, 1)),
    uasc INTEGER NOT NULL CHECK (uasc IN (0, 1))
);
CREATE INDEX advocacy_requests_by_child ON advocacy_requests (child_id);

-- What the child adds to an open request.
CREATE TABLE advocacy_messages (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES advocacy_requests (id),
    body TEXT NOT NULL,
    sent_at INTEGER NOT NULL
);

-- The caseworkers' own notes: never shown to the child or their IRO.
CREATE TABLE advocacy_notes (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES advocacy_requests (id),
    author_account_id INTEGER NOT NULL REFERENCES accounts (id),
    body TEXT NOT NULL,
    written_at INTEGER NOT NULL
);
