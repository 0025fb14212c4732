-- Server-side sessions, sign-in failures for throttling, and the
-- append-only audit log.

CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    -- SHA-256 of the cookie's random token, hex; the token itself is
    -- never stored.
    token_hash TEXT NOT NULL UNIQUE,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    -- 'full' once signed in; 'set_up' or 'code' while a member of staff
    -- still has to set up or enter their second factor.
    stage TEXT NOT NULL DEFAULT 'full' CHECK (stage IN ('full', 'set_up', 'code')),
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_account ON sessions (account_id);
CREATE INDEX sessions_by_last_seen ON sessions (last_seen_at);

-- Keyed by a hash of the name typed, not by account, so that a name with no
-- account is slowed and locked exactly like one with an account, and a
-- passphrase typed into the name box is never stored.
CREATE TABLE sign_in_failures (
    id INTEGER PRIMARY KEY,
    name_hash TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX sign_in_failures_by_name ON sign_in_failures (name_hash, at);

-- Who did what, when. Never updated or deleted (the triggers refuse).
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    -- The person acting, when known.
    actor_account_id INTEGER REFERENCES accounts (id),
    -- What happened, e.g. 'sign_in', 'sign_in_failed', 'sign_out'.
    action TEXT NOT NULL,
    -- The account or record acted on, as 'account:12' or 'child:3'.
    subject TEXT
);
CREATE INDEX audit_log_by_at ON audit_log (at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
