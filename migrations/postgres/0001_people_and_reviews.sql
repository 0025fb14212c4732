-- Who can sign in, the children whose care MySay is about, which IRO each
-- child has, and their statutory reviews.

CREATE TABLE accounts (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('child', 'iro', 'cro', 'advocacy', 'manager')),
    -- What the person is called on screen (a child's chosen name, a
    -- member of staff's full name).
    display_name TEXT NOT NULL,
    -- A child's chosen sign-in name (never their real name), or staff email.
    sign_in_name TEXT NOT NULL UNIQUE,
    email TEXT,
    passphrase_hash TEXT,
    disabled_at BIGINT,
    created_at BIGINT NOT NULL
);

CREATE TABLE children (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Set once the child has accepted an invitation.
    account_id BIGINT UNIQUE REFERENCES accounts (id),
    first_name TEXT NOT NULL,
    preferred_name TEXT,
    date_of_birth TEXT NOT NULL,
    came_into_care_on TEXT NOT NULL,
    gender TEXT NOT NULL,
    ethnicity_group TEXT NOT NULL,
    disability BIGINT NOT NULL CHECK (disability IN (0, 1)),
    uasc BIGINT NOT NULL CHECK (uasc IN (0, 1)),
    first_language TEXT NOT NULL,
    interpreter_needed BIGINT NOT NULL CHECK (interpreter_needed IN (0, 1)),
    placement_type TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- Allocation history: the current IRO is the row with no ended_at. Kept
-- whole because time to allocation is an annual-report figure.
CREATE TABLE iro_allocations (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    child_id BIGINT NOT NULL REFERENCES children (id),
    iro_account_id BIGINT NOT NULL REFERENCES accounts (id),
    allocated_at BIGINT NOT NULL,
    ended_at BIGINT
);
CREATE INDEX iro_allocations_by_iro ON iro_allocations (iro_account_id, ended_at);
CREATE INDEX iro_allocations_by_child ON iro_allocations (child_id, ended_at);

CREATE TABLE reviews (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    child_id BIGINT NOT NULL REFERENCES children (id),
    -- 1 for the initial review, 2 for the second, and so on.
    sequence BIGINT NOT NULL,
    scheduled_at BIGINT,
    held_on TEXT,
    participation_code TEXT CHECK (participation_code IN ('PN0', 'PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7')),
    created_at BIGINT NOT NULL,
    UNIQUE (child_id, sequence)
);
