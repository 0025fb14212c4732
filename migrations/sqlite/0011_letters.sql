-- Letters from a child's IRO after a review, and the replies both ways.
-- Part of the child's record: the system never deletes either, and a sent
-- letter never changes (a correction is a new letter naming the old one).
CREATE TABLE letters (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES children (id),
    review_id INTEGER REFERENCES reviews (id),
    author_account_id INTEGER NOT NULL REFERENCES accounts (id),
    body TEXT NOT NULL DEFAULT '',
    -- The shipped language it is written in, for reading it aloud.
    language TEXT NOT NULL DEFAULT 'en',
    corrects_letter_id INTEGER REFERENCES letters (id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    sent_at INTEGER,
    -- The child's first opening; set once.
    first_read_at INTEGER
);
CREATE INDEX letters_by_child ON letters (child_id);

CREATE TABLE letter_replies (
    id INTEGER PRIMARY KEY,
    letter_id INTEGER NOT NULL REFERENCES letters (id),
    author_account_id INTEGER NOT NULL REFERENCES accounts (id),
    kind TEXT NOT NULL CHECK (kind IN ('question', 'disagree', 'answer')),
    body TEXT NOT NULL,
    sent_at INTEGER NOT NULL
);
