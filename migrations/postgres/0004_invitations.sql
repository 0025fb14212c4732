-- Invitations: a one-time link and a short code that let a child (or a
-- member of staff) choose a sign-in name and passphrase. Only hashes of
-- the link's token and of the code are kept.

CREATE TABLE invitations (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    code_hash TEXT NOT NULL UNIQUE,
    child_id BIGINT REFERENCES children (id),
    created_by BIGINT NOT NULL REFERENCES accounts (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT,
    -- Set when a newer invitation for the same person replaced this one.
    replaced_at BIGINT
);
CREATE INDEX invitations_by_child ON invitations (child_id);
