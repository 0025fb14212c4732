-- Speakerbox, the Children in Care Council: its members, the groups
-- topics can be aimed at, the topics the Children's Rights Officer puts
-- to them, the answers, and "you said, we did".

-- A child is a member from the day they agreed (recorded by the CRO or a
-- manager) until they leave; leaving keeps the row with `left_at`, and
-- joining again clears it.
CREATE TABLE speakerbox_members (
    child_id INTEGER PRIMARY KEY REFERENCES children (id),
    agreed_on TEXT NOT NULL,
    added_by INTEGER NOT NULL REFERENCES accounts (id),
    added_at INTEGER NOT NULL,
    left_at INTEGER,
    -- When the member last opened "you said, we did": news after it is
    -- news to them.
    board_seen_at INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE speakerbox_groups (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
);

CREATE TABLE speakerbox_member_groups (
    child_id INTEGER NOT NULL REFERENCES speakerbox_members (child_id),
    group_id INTEGER NOT NULL REFERENCES speakerbox_groups (id),
    PRIMARY KEY (child_id, group_id)
);

-- A topic: its words in English (translations beside it), a written
-- question and/or a poll (choices one per line), the days it is open
-- (both included). 'draft' until the CRO publishes it; 'published' is
-- open from `opens_on` to `closes_on`; 'closed' once closed early.
CREATE TABLE speakerbox_topics (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    question TEXT NOT NULL DEFAULT '',
    choices TEXT NOT NULL DEFAULT '',
    several INTEGER NOT NULL DEFAULT 0 CHECK (several IN (0, 1)),
    opens_on TEXT NOT NULL,
    closes_on TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('draft', 'published', 'closed')),
    created_by INTEGER NOT NULL REFERENCES accounts (id),
    created_at INTEGER NOT NULL,
    published_at INTEGER
);

-- No rows: every member. Otherwise the members of these groups.
CREATE TABLE speakerbox_topic_groups (
    topic_id INTEGER NOT NULL REFERENCES speakerbox_topics (id),
    group_id INTEGER NOT NULL REFERENCES speakerbox_groups (id),
    PRIMARY KEY (topic_id, group_id)
);

-- A topic's words in another shipped language (empty: the English).
CREATE TABLE speakerbox_translations (
    topic_id INTEGER NOT NULL REFERENCES speakerbox_topics (id),
    language TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    question TEXT NOT NULL DEFAULT '',
    choices TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (topic_id, language)
);

-- An answer. `child_id` is set only when the member chose "with my
-- name"; without it nothing here leads back to them: the id is random,
-- the day is the only time kept, and no other table names this row.
CREATE TABLE speakerbox_answers (
    id TEXT PRIMARY KEY,
    topic_id INTEGER NOT NULL REFERENCES speakerbox_topics (id),
    child_id INTEGER REFERENCES children (id),
    -- The poll's choices picked, as their places in the list, with commas.
    choices TEXT NOT NULL DEFAULT '',
    words TEXT NOT NULL DEFAULT '',
    -- The language the page was in when the words were written.
    language TEXT,
    answered_on TEXT NOT NULL,
    hidden_reason TEXT,
    hidden_by INTEGER REFERENCES accounts (id),
    hidden_at INTEGER
);
CREATE UNIQUE INDEX speakerbox_answers_named ON speakerbox_answers (topic_id, child_id)
    WHERE child_id IS NOT NULL;
CREATE INDEX speakerbox_answers_by_topic ON speakerbox_answers (topic_id);

-- One answer per member: a keyed hash of the topic and the member, made
-- with the server's secret, for every answer with or without a name. It
-- says that someone answered, never which answer is theirs; kept in the
-- hash's order, not the order answers came in.
CREATE TABLE speakerbox_answered (
    topic_id INTEGER NOT NULL REFERENCES speakerbox_topics (id),
    mark TEXT NOT NULL,
    PRIMARY KEY (topic_id, mark)
) WITHOUT ROWID;

-- "You said, we did": what young people said about a topic, what the
-- service did or will do, and who is responsible.
CREATE TABLE speakerbox_items (
    id INTEGER PRIMARY KEY,
    topic_id INTEGER NOT NULL REFERENCES speakerbox_topics (id),
    said TEXT NOT NULL,
    did TEXT NOT NULL,
    responsible TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('planned', 'in-progress', 'done')),
    published_by INTEGER NOT NULL REFERENCES accounts (id),
    published_at INTEGER NOT NULL,
    status_since INTEGER NOT NULL
);

CREATE TABLE speakerbox_item_updates (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES speakerbox_items (id),
    body TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('planned', 'in-progress', 'done')),
    written_by INTEGER NOT NULL REFERENCES accounts (id),
    written_at INTEGER NOT NULL
);

-- A safety alert can now come from a Speakerbox answer ('source_id' is
-- the topic's id): SQLite cannot change a CHECK, so the table is made
-- again with the same rows.
CREATE TABLE safety_alerts_new (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES children (id),
    consultation_id INTEGER REFERENCES consultations (id),
    reason TEXT NOT NULL CHECK (reason IN ('feeling', 'words')),
    raised_at INTEGER NOT NULL,
    seen_at INTEGER,
    seen_by INTEGER REFERENCES accounts (id),
    source TEXT NOT NULL DEFAULT 'consultation'
        CHECK (source IN ('consultation', 'advocacy', 'letter', 'speakerbox')),
    source_id INTEGER
);
INSERT INTO safety_alerts_new (id, child_id, consultation_id, reason, raised_at, seen_at, seen_by, source, source_id)
    SELECT id, child_id, consultation_id, reason, raised_at, seen_at, seen_by, source, source_id FROM safety_alerts;
DROP TABLE safety_alerts;
ALTER TABLE safety_alerts_new RENAME TO safety_alerts;
CREATE INDEX safety_alerts_by_child ON safety_alerts (child_id, seen_at);
