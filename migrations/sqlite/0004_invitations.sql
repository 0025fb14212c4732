-- Invitations: a one-time link and a short code that let a child (or a
-- member of staff) choose a sign-in name and passphrase. Only hashes of
-- the link's token and of the code are kept.

CREATE TABLE invitations (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    code_hash TEXT NOT NULL UNIQUE,
    child_id INTEGER REFERENCES children (id),
    created_by INTEGER NOT NULL REFERENCES accounts (id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER,
    -- Set when a newer invitation for the same person replaced this one.
    replaced_at INTEGER
);
CREATE INDEX invitations_by_child ON invitations (child_id);
