-- Escalations: the IRO's challenge to drift, delay or poor planning in a
-- child's care plan (IRO Handbook chapter 6), informal first, then the
-- formal stages; and the IRO's "good practice" notes. Staff records about
-- a child: never deleted (the triggers refuse), never shown to the child
-- as written.

-- `kind` 'concern' or 'good_practice'. A concern is at `stage` until it is
-- resolved (`resolved_on`, with staff's `outcome`); a good practice note
-- has no stage and is never open.
CREATE TABLE escalations (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES children (id),
    kind TEXT NOT NULL CHECK (kind IN ('concern', 'good_practice')),
    raised_on TEXT NOT NULL,
    raised_by INTEGER NOT NULL REFERENCES accounts (id),
    -- Staff's words: what is wrong (or what was good), what must happen.
    what_wrong TEXT NOT NULL,
    what_needed TEXT NOT NULL DEFAULT '',
    stage TEXT CHECK (stage IN ('informal', 'stage1', 'stage2', 'stage3')),
    resolved_on TEXT,
    outcome TEXT NOT NULL DEFAULT '',
    -- The day the child's case was referred to Cafcass, if it was.
    cafcass_on TEXT,
    -- Whether the child was told, and advocacy offered (NULL: not recorded).
    child_told INTEGER CHECK (child_told IN (0, 1)),
    advocacy_offered INTEGER CHECK (advocacy_offered IN (0, 1)),
    created_at INTEGER NOT NULL
);
CREATE INDEX escalations_by_child ON escalations (child_id);
CREATE INDEX escalations_by_raised_on ON escalations (raised_on);

-- The issue types a concern raises (one or more).
CREATE TABLE escalation_issues (
    escalation_id INTEGER NOT NULL REFERENCES escalations (id),
    issue TEXT NOT NULL,
    PRIMARY KEY (escalation_id, issue)
);

-- Each stage a concern went through, with the working-day due date set
-- when it began (the manager's setting of that day) and the response.
CREATE TABLE escalation_stages (
    id INTEGER PRIMARY KEY,
    escalation_id INTEGER NOT NULL REFERENCES escalations (id),
    stage TEXT NOT NULL CHECK (stage IN ('informal', 'stage1', 'stage2', 'stage3')),
    started_on TEXT NOT NULL,
    due_on TEXT NOT NULL,
    raised_to_name TEXT NOT NULL,
    raised_to_role TEXT NOT NULL,
    response_on TEXT,
    response TEXT NOT NULL DEFAULT '',
    recorded_by INTEGER NOT NULL REFERENCES accounts (id)
);
CREATE INDEX escalation_stages_by_escalation ON escalation_stages (escalation_id);

-- The child's view an escalation cites: an advocacy request or a sent
-- consultation of the same child.
CREATE TABLE escalation_views (
    escalation_id INTEGER NOT NULL REFERENCES escalations (id),
    source TEXT NOT NULL CHECK (source IN ('advocacy', 'consultation')),
    source_id INTEGER NOT NULL,
    linked_by INTEGER NOT NULL REFERENCES accounts (id),
    linked_at INTEGER NOT NULL,
    PRIMARY KEY (escalation_id, source, source_id)
);

CREATE TRIGGER escalations_no_delete BEFORE DELETE ON escalations
BEGIN
    SELECT RAISE(ABORT, 'escalations are never deleted');
END;
CREATE TRIGGER escalation_issues_no_delete BEFORE DELETE ON escalation_issues
BEGIN
    SELECT RAISE(ABORT, 'escalations are never deleted');
END;
CREATE TRIGGER escalation_stages_no_delete BEFORE DELETE ON escalation_stages
BEGIN
    SELECT RAISE(ABORT, 'escalations are never deleted');
END;
CREATE TRIGGER escalation_views_no_delete BEFORE DELETE ON escalation_views
BEGIN
    SELECT RAISE(ABORT, 'escalations are never deleted');
END;
